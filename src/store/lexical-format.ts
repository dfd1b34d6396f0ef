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
 * Layout: a 4-byte length, a JSON header (format, counts of terms, term bytes, postings and
 * documents), the terms as UTF-8 separated by newlines (a term never holds whitespace: analyze.ts),
 * zero padding to 4 bytes, then offsets, docs, counts and lengths as little-endian uint32. The terms
 * are not a JSON array because 135,000 of them (100k passages) take one JSON.parse of 50–100 ms;
 * lines are decoded a slice at a time.
 */
const FORMAT = 'sitrep-bm25/2';

/** Bytes of terms, and of arrays, handled between two yields of `unpackLexicalSteps`: about a millisecond's work. */
const TERM_BYTES_PER_STEP = 1 << 16;
const ARRAY_BYTES_PER_STEP = 1 << 22;

interface Header {
  format: string;
  terms: number;
  termBytes: number;
  postings: number;
  documents: number;
}

/** The index's arrays as one buffer. */
export function packLexical(p: Packed): Buffer {
  if (p.terms.some((t) => t.includes('\n'))) throw new Error('a lexical term holds a newline');
  const termText = Buffer.from(p.terms.join('\n'));
  const header: Header = { format: FORMAT, terms: p.terms.length, termBytes: termText.length, postings: p.docs.length, documents: p.lengths.length };
  const headerText = Buffer.from(JSON.stringify(header));
  const termsAt = 4 + headerText.length;
  const start = Math.ceil((termsAt + termText.length) / 4) * 4;
  const arrays = [p.offsets, p.docs, p.counts, p.lengths];
  const out = Buffer.alloc(start + arrays.reduce((s, a) => s + a.byteLength, 0));
  out.writeUInt32LE(headerText.length, 0);
  headerText.copy(out, 4);
  termText.copy(out, termsAt);
  let at = start;
  for (const a of arrays) {
    out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), at);
    at += a.byteLength;
  }
  return out;
}

/** The arrays `packLexical` wrote, as a generator (steps.ts); throws on bytes it does not recognise. */
export function* unpackLexicalSteps(bytes: Buffer): Generator<void, Packed> {
  const headerLength = bytes.readUInt32LE(0);
  const header = JSON.parse(bytes.toString('utf8', 4, 4 + headerLength)) as Header;
  if (header.format !== FORMAT) throw new Error(`unknown lexical index format ${String(header.format)}`);
  const termsAt = 4 + headerLength;
  const termsEnd = termsAt + header.termBytes;
  if (!(termsEnd <= bytes.length)) throw new Error('lexical index terms run past the file');
  const terms: string[] = [];
  for (let from = termsAt; from < termsEnd; ) {
    // A slice ends at a newline (or the end of the terms), so that no term is cut.
    const newline = from + TERM_BYTES_PER_STEP >= termsEnd ? -1 : bytes.indexOf(0x0a, from + TERM_BYTES_PER_STEP);
    const to = newline === -1 || newline >= termsEnd ? termsEnd : newline;
    for (const t of bytes.toString('utf8', from, to).split('\n')) terms.push(t);
    from = to + 1;
    yield;
  }
  if (terms.length !== header.terms) throw new Error(`lexical index holds ${terms.length} terms, its header says ${header.terms}`);
  // Copy into an aligned buffer so the typed arrays can view it directly.
  const start = Math.ceil(termsEnd / 4) * 4;
  const body = new Uint32Array((bytes.length - start) / 4);
  const bodyBytes = new Uint8Array(body.buffer);
  for (let at = 0; at < bodyBytes.length; at += ARRAY_BYTES_PER_STEP) {
    bodyBytes.set(bytes.subarray(start + at, start + Math.min(bodyBytes.length, at + ARRAY_BYTES_PER_STEP)), at);
    yield;
  }
  const v = header.terms + 1;
  const { postings: size, documents: n } = header;
  if (body.length !== v + 2 * size + n) throw new Error('lexical index arrays do not match their header');
  return {
    terms,
    offsets: body.subarray(0, v),
    docs: body.subarray(v, v + size),
    counts: body.subarray(v + size, v + 2 * size),
    lengths: body.subarray(v + 2 * size),
  };
}
