/**
 * What an area shows customers, technicians' phones and gateways: its routes on the public surface.
 * A file `host/public/<area>-area.ts` exports one `PublicArea`; the surface finds them all
 * (import.meta.glob, as the services find their areas) and registers their routes when it starts,
 * given the running services' ports. Adding one edits no shared list, and the surface's route list
 * (test/integration/public-surface.test.ts) shows it.
 */
import type { AreaPorts } from '../../services/area';
import type { Logger } from '../../services/log';
import type { LinkSigner } from '../../services/shared/signed-links';
import type { PublicRoutes } from './public-routes';

export interface PublicAreaContext {
  /** A port of the running services (read when a request comes, like an area's handler). */
  port<K extends keyof AreaPorts>(name: K): AreaPorts[K];
  links: LinkSigner;
  logger: Logger;
  /** The built renderer (`npm run build:web`: out/renderer), for an area serving an app (the technicians'); null when not given. */
  assetsDir: string | null;
}

export interface PublicArea {
  name: string;
  register(routes: PublicRoutes, context: PublicAreaContext): void;
}

function isPublicArea(value: unknown): value is PublicArea {
  return typeof value === 'object' && value !== null && typeof (value as PublicArea).name === 'string' && typeof (value as PublicArea).register === 'function';
}

export function discoverPublicAreas(modules: Record<string, Record<string, unknown>>): PublicArea[] {
  const found = new Map<string, PublicArea>();
  for (const exports of Object.values(modules)) {
    for (const value of Object.values(exports)) if (isPublicArea(value)) found.set(value.name, value);
  }
  return [...found.values()].sort((a, b) => a.name.localeCompare(b.name));
}

export const PUBLIC_AREAS: readonly PublicArea[] = discoverPublicAreas(import.meta.glob<Record<string, unknown>>('./*-area.ts', { eager: true }));
