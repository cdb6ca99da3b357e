/**
 * A photo from the phone's camera, made small enough to send over a weak network: its longest side
 * brought to 1600 px, as JPEG (~200–400 KB instead of 3–8 MB). A picture the browser cannot decode
 * (HEIC on some phones) is sent as it is; the server says whether it takes it.
 */
import { bytesToBase64 } from '../ui/base64';

export const PHOTO_MAX_SIDE = 1600;

/** The size a w×h picture is drawn at so that its longest side is at most `max` (never enlarged). */
export function fitWithin(width: number, height: number, max = PHOTO_MAX_SIDE): { width: number; height: number } {
  const scale = Math.min(1, max / Math.max(width, height, 1));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

export async function downscale(file: Blob): Promise<Blob> {
  try {
    const bitmap = await createImageBitmap(file);
    const size = fitWithin(bitmap.width, bitmap.height);
    const canvas = document.createElement('canvas');
    canvas.width = size.width;
    canvas.height = size.height;
    canvas.getContext('2d')?.drawImage(bitmap, 0, 0, size.width, size.height);
    bitmap.close();
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.82));
    return blob ?? file;
  } catch {
    return file;
  }
}

export async function base64Of(blob: Blob): Promise<string> {
  return bytesToBase64(new Uint8Array(await blob.arrayBuffer()));
}
