/** The lexical index's file, `lexical.bin`: its packed arrays, written and read back (lexical.ts searches them). */

/** The packed index: postings of term t are docs[offsets[t] .. offsets[t+1]) with their term counts. */
export interface Packed {
  terms: string[];
  offsets: Uint32Array;
  docs: Uint32Array;
  counts: Uint32Array;
  lengths: Uint32Array;
}

/**
 * Layout: a 4-byte length, a JSON header (format, terms, array sizes), zero padding to 4 bytes, then
 * offsets, docs, counts and lengths as little-endian uint32.
 */
const FORMAT = 'sitrep-bm25/1';

/** The index's arrays as one buffer. */
export function packLexical(p: Packed): Buffer {
  const header = Buffer.from(JSON.stringify({ format: FORMAT, terms: p.terms, postings: p.docs.length, documents: p.lengths.length }));
  const headerEnd = 4 + header.length;
  const start = Math.ceil(headerEnd / 4) * 4;
  const arrays = [p.offsets, p.docs, p.counts, p.lengths];
  const out = Buffer.alloc(start + arrays.reduce((s, a) => s + a.byteLength, 0));
  out.writeUInt32LE(header.length, 0);
  header.copy(out, 4);
  let at = start;
  for (const a of arrays) {
    out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), at);
    at += a.byteLength;
  }
  return out;
}

/** The arrays `packLexical` wrote; throws on bytes it does not recognise. */
export function unpackLexical(bytes: Buffer): Packed {
  const headerLength = bytes.readUInt32LE(0);
  const header = JSON.parse(bytes.toString('utf8', 4, 4 + headerLength)) as {
    format: string;
    terms: string[];
    postings: number;
    documents: number;
  };
  if (header.format !== FORMAT) throw new Error(`unknown lexical index format ${String(header.format)}`);
  // Copy into an aligned buffer so the typed arrays can view it directly.
  const start = Math.ceil((4 + headerLength) / 4) * 4;
  const body = new Uint32Array((bytes.length - start) / 4);
  new Uint8Array(body.buffer).set(bytes.subarray(start));
  const v = header.terms.length + 1;
  const { postings: size, documents: n } = header;
  if (body.length !== v + 2 * size + n) throw new Error('lexical index arrays do not match their header');
  return {
    terms: header.terms,
    offsets: body.subarray(0, v),
    docs: body.subarray(v, v + size),
    counts: body.subarray(v + size, v + 2 * size),
    lengths: body.subarray(v + 2 * size),
  };
}
