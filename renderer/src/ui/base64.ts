/**
 * Bytes as base64, for files the console sends in parts through the contract. By slices of 32 KiB:
 * String.fromCharCode over a whole file would overflow the call stack.
 */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
