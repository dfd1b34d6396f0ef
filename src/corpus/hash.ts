import { createHash } from 'node:crypto';

/** sha256 of the input, hex. */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** First 16 hex digits of sha256: short enough to read, long enough that collisions are not a concern here. */
export function shortHash(data: string | Uint8Array): string {
  return sha256Hex(data).slice(0, 16);
}
