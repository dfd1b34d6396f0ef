/**
 * The lexical files' layout: the postings' base (`lexical.bin`) and each of their log segments
 * (`lexical.log.N`, lexical-segments.ts) hold packed arrays, written and read back here; lexical.ts
 * searches them once merged (lexical-merge.ts).
 */

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
/** A segment: the same arrays over the slots it adds, numbered from 0, with the first of them in its header. */
const SEGMENT_FORMAT = 'sitrep-bm25-log/1';

/** Bytes of terms, and of arrays, handled between two yields of `unpackLexicalSteps`: about a millisecond's work. */
const TERM_BYTES_PER_STEP = 1 << 16;
const ARRAY_BYTES_PER_STEP = 1 << 22;

interface Header {
  format: string;
  terms: number;
  termBytes: number;
  postings: number;
  documents: number;
  /** A segment's: the slot of its document 0. */
  firstSlot?: number;
}

/** The index's arrays as one buffer; `firstSlot` given, as a log segment whose document 0 is that slot. */
export function packLexical(p: Packed, firstSlot?: number): Buffer {
  if (p.terms.some((t) => t.includes('\n'))) throw new Error('a lexical term holds a newline');
  const termText = Buffer.from(p.terms.join('\n'));
  const counts = { terms: p.terms.length, termBytes: termText.length, postings: p.docs.length, documents: p.lengths.length };
  const header: Header = firstSlot === undefined ? { format: FORMAT, ...counts } : { format: SEGMENT_FORMAT, ...counts, firstSlot };
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

/** The arrays `packLexical` wrote without a first slot, as a generator (steps.ts); throws on bytes it does not recognise. */
export function* unpackLexicalSteps(bytes: Buffer): Generator<void, Packed> {
  return (yield* unpackSteps(bytes, FORMAT)).packed;
}

/** A log segment's arrays and first slot, as `packLexical` wrote them with one. */
export function* unpackSegmentSteps(bytes: Buffer): Generator<void, { packed: Packed; firstSlot: number }> {
  const { packed, firstSlot } = yield* unpackSteps(bytes, SEGMENT_FORMAT);
  if (!Number.isSafeInteger(firstSlot) || firstSlot! < 0) throw new Error('its header names no first slot');
  return { packed, firstSlot: firstSlot! };
}

function* unpackSteps(bytes: Buffer, format: string): Generator<void, { packed: Packed; firstSlot?: number }> {
  if (bytes.length < 4) throw new Error('it is too short to hold a header');
  const headerLength = bytes.readUInt32LE(0);
  if (4 + headerLength > bytes.length) throw new Error('its header runs past the file');
  let header: Header;
  try {
    header = JSON.parse(bytes.toString('utf8', 4, 4 + headerLength)) as Header;
  } catch {
    throw new Error('its header is not valid JSON');
  }
  if (header?.format !== format) throw new Error(`unknown lexical index format ${String(header?.format)}`);
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
  const start = Math.ceil(termsEnd / 4) * 4;
  const v = header.terms + 1;
  const { postings: size, documents: n } = header;
  if (bytes.length - start !== 4 * (v + 2 * size + n)) throw new Error('lexical index arrays do not match their header');
  const body = yield* arraysOf(bytes, start, v + 2 * size + n);
  const packed = {
    terms,
    offsets: body.subarray(0, v),
    docs: body.subarray(v, v + size),
    counts: body.subarray(v + size, v + 2 * size),
    lengths: body.subarray(v + 2 * size),
  };
  yield* checkPacked(packed);
  return { packed, ...(header.firstSlot !== undefined ? { firstSlot: header.firstSlot } : {}) };
}

/**
 * The uint32 arrays from `start`: viewed where they lie when the file's bytes are 4-aligned there
 * (a file read whole has a buffer of its own, at offset 0), else copied into an aligned buffer.
 */
function* arraysOf(bytes: Buffer, start: number, length: number): Generator<void, Uint32Array> {
  if ((bytes.byteOffset + start) % 4 === 0) return new Uint32Array(bytes.buffer, bytes.byteOffset + start, length);
  const body = new Uint32Array(length);
  const bodyBytes = new Uint8Array(body.buffer);
  for (let at = 0; at < bodyBytes.length; at += ARRAY_BYTES_PER_STEP) {
    bodyBytes.set(bytes.subarray(start + at, start + Math.min(bodyBytes.length, at + ARRAY_BYTES_PER_STEP)), at);
    yield;
  }
  return body;
}

/** Postings checked between two yields of `checkPacked`. */
const POSTINGS_PER_CHECK = 1 << 18;

/**
 * Refuses arrays a merge could not trust: terms out of order, offsets that run backwards or past the
 * postings, or a posting naming a document the arrays do not hold (a checksum vouches for the bytes,
 * not for the writer).
 */
function* checkPacked(p: Packed): Generator<void, void> {
  const { terms, offsets, docs } = p;
  if (offsets[0] !== 0 || offsets[terms.length] !== docs.length) throw new Error('its term offsets do not span its postings');
  for (let t = 0; t < terms.length; t++) {
    if (offsets[t + 1]! < offsets[t]!) throw new Error(`the postings of term ${t + 1} run backwards`);
    if (t > 0 && !(terms[t - 1]! < terms[t]!)) throw new Error(`its terms are out of order at term ${t + 1}`);
  }
  yield;
  const n = p.lengths.length;
  for (let i = 0; i < docs.length; i++) {
    if (docs[i]! >= n) throw new Error(`posting ${i + 1} names document ${docs[i]}, of ${n}`);
    if (i % POSTINGS_PER_CHECK === POSTINGS_PER_CHECK - 1) yield;
  }
}
