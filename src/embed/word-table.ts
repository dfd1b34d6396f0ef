/**
 * A read-only word → index table stored as flat arrays (UTF-8 bytes, offsets, an open-addressing
 * hash), so it opens straight from the GloVe cache file with no per-word work. Building a `Map` of
 * 341,479 strings costs a few hundred milliseconds at every start; this costs nothing.
 */

export interface WordTableArrays {
  /** Words' UTF-8 bytes, concatenated. */
  bytes: Uint8Array;
  /** `size + 1` byte offsets into `bytes`: word i is bytes[offsets[i], offsets[i + 1]). */
  offsets: Uint32Array;
  /** Power-of-two hash slots holding index + 1 (0 = empty), linear probing, FNV-1a of the UTF-8 bytes. */
  slots: Int32Array;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function fnv1a(bytes: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
  return h >>> 0;
}

/** FNV-1a of a string's UTF-8 bytes; ASCII (most lookups) is hashed without encoding. */
function hashString(word: string): { hash: number; bytes: Uint8Array | null } {
  let h = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c > 0x7f) {
      const bytes = encoder.encode(word);
      return { hash: fnv1a(bytes, 0, bytes.length), bytes };
    }
    h = Math.imul(h ^ c, 0x01000193);
  }
  return { hash: h >>> 0, bytes: null };
}

export class WordTable {
  readonly size: number;
  private readonly mask: number;

  /** The flat arrays, as stored in the cache file. */
  constructor(readonly arrays: WordTableArrays) {
    this.size = arrays.offsets.length - 1;
    this.mask = arrays.slots.length - 1;
    if (this.size < 0 || arrays.slots.length === 0 || (arrays.slots.length & this.mask) !== 0) {
      throw new RangeError('WordTable: malformed arrays');
    }
  }

  /** Builds the table; words must be distinct. */
  static fromWords(words: string[]): WordTable {
    const encoded = words.map((w) => encoder.encode(w));
    const offsets = new Uint32Array(words.length + 1);
    encoded.forEach((b, i) => (offsets[i + 1] = offsets[i] + b.length));
    const bytes = new Uint8Array(offsets[words.length]);
    encoded.forEach((b, i) => bytes.set(b, offsets[i]));
    let capacity = 1;
    while (capacity < words.length * 2) capacity *= 2;
    const slots = new Int32Array(capacity);
    const table = new WordTable({ bytes, offsets, slots });
    words.forEach((word, i) => {
      let slot = fnv1a(bytes, offsets[i], offsets[i + 1]) & (capacity - 1);
      while (slots[slot] !== 0) {
        if (table.matches(slots[slot] - 1, word, encoded[i])) throw new Error(`WordTable: "${word}" appears twice`);
        slot = (slot + 1) & (capacity - 1);
      }
      slots[slot] = i + 1;
    });
    return table;
  }

  /** Index of `word`, or -1. */
  indexOf(word: string): number {
    const { hash, bytes } = hashString(word);
    const slots = this.arrays.slots;
    for (let slot = hash & this.mask; ; slot = (slot + 1) & this.mask) {
      const entry = slots[slot];
      if (entry === 0) return -1;
      if (this.matches(entry - 1, word, bytes)) return entry - 1;
    }
  }

  /** The word at index i. */
  word(i: number): string {
    const { bytes, offsets } = this.arrays;
    return decoder.decode(bytes.subarray(offsets[i], offsets[i + 1]));
  }

  private matches(i: number, word: string, utf8: Uint8Array | null): boolean {
    const { bytes, offsets } = this.arrays;
    const start = offsets[i];
    const length = offsets[i + 1] - start;
    if (utf8) {
      if (utf8.length !== length) return false;
      for (let k = 0; k < length; k++) if (bytes[start + k] !== utf8[k]) return false;
      return true;
    }
    if (word.length !== length) return false; // ASCII: one byte per character
    for (let k = 0; k < length; k++) if (bytes[start + k] !== word.charCodeAt(k)) return false;
    return true;
  }
}
