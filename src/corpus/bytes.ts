/** Byte-level checks every format shares: what counts as binary, and sizes as people read them. */

/** Share of control characters (other than tab, newline, carriage return, form feed) above which a file is binary. */
export const BINARY_CONTROL_RATIO = 0.1;
/** Bytes at the head of a file that the binary check looks at. */
export const SNIFF_BYTES = 8192;

/** A control byte that text does not hold (tab, newline, carriage return and form feed are text). */
export function isControlByte(b: number): boolean {
  return (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) || b === 0x7f;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1).replace(/\.0$/, '')} KB`;
  return `${(n / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MB`;
}
