/**
 * The documented travel model: no road network ships with Accueil (no map data, no routing server,
 * no network at run time), so a drive is estimated from the straight line between two points.
 *
 *   road km  = roadFactor × great-circle km          (default 1.3)
 *   minutes  = road km ÷ speedKmh × 60                 (default 40 km/h, town and country mixed)
 *
 * Both are per instance (`roadFactor`, `speedKmh`). A factor of 1.3 is the usual detour ratio of a
 * French road network between towns a few kilometres apart; 40 km/h is an average door to door
 * (ring road, town centres, parking), not a speed limit. The great circle uses the mean Earth radius.
 */
export interface GeoPoint {
  lat: number;
  lon: number;
}

export interface TravelModel {
  /** Road distance ÷ great-circle distance. */
  roadFactor: number;
  /** Average speed door to door, km/h. */
  speedKmh: number;
}

export const DEFAULT_TRAVEL_MODEL: TravelModel = { roadFactor: 1.3, speedKmh: 40 };

const EARTH_RADIUS_KM = 6371.0088;

/** Haversine distance in km (stable for short distances, unlike the spherical law of cosines). */
export function greatCircleKm(a: GeoPoint, b: GeoPoint): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

export function roadKm(model: TravelModel, a: GeoPoint, b: GeoPoint): number {
  return model.roadFactor * greatCircleKm(a, b);
}

export function driveMinutes(model: TravelModel, km: number): number {
  return (km / model.speedKmh) * 60;
}
