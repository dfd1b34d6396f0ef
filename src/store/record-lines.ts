/**
 * Files of one JSON record per line (`articles.jsonl`, `passages.jsonl`): as single JSON arrays, at
 * 100k passages they took one JSON.parse of about half a second each, holding the event loop, while
 * lines can be parsed a few at a time between turns of it (steps.ts).
 */

/** Why stored record lines cannot be read. */
export class RecordLinesError extends Error {}

/** Each record as one line of JSON, each line ending with a newline (JSON.stringify escapes any in a string). */
export function serializeRecords(records: readonly unknown[]): string {
  return records.map((r) => `${JSON.stringify(r)}\n`).join('');
}

/**
 * `serializeRecords`'s bytes, each record's line taken from `carried` when it gives one (the line the
 * record was read from, in a previous generation) instead of being serialised again: a build that
 * keeps most records writes their lines as they were. `stored` gives what is written of a record.
 */
export function serializeRecordLines<T>(records: readonly T[], carried: (record: T) => Buffer | undefined, stored: (record: T) => unknown = (r) => r): Buffer {
  return Buffer.concat(records.map((r) => recordLine(r, carried, stored)));
}

/** One record's line: the one `carried` gives, else `stored(record)` serialised. */
export function recordLine<T>(record: T, carried: (record: T) => Buffer | undefined, stored: (record: T) => unknown = (r) => r): Buffer {
  return carried(record) ?? Buffer.from(`${JSON.stringify(stored(record))}\n`);
}

/** Each line of a line-per-record file, its newline included, as a view into `bytes` (nothing is copied). */
export function lineViews(bytes: Buffer): Buffer[] {
  const lines: Buffer[] = [];
  for (let at = 0; at < bytes.length; ) {
    const newline = bytes.indexOf(0x0a, at);
    const end = newline === -1 ? bytes.length : newline + 1;
    lines.push(bytes.subarray(at, end));
    at = end;
  }
  return lines;
}

/** Parses `serializeRecords`'s lines one by one, yielding after each; each line is decoded on its own, not the whole file at once. */
export function* recordLines<T>(bytes: Buffer): Generator<void, T[]> {
  const records: T[] = [];
  let at = 0;
  while (at < bytes.length) {
    const newline = bytes.indexOf(0x0a, at);
    if (newline === -1) throw new RecordLinesError(`line ${records.length + 1} does not end`);
    try {
      records.push(JSON.parse(bytes.toString('utf8', at, newline)) as T);
    } catch {
      throw new RecordLinesError(`line ${records.length + 1} is not valid JSON`);
    }
    at = newline + 1;
    yield;
  }
  return records;
}
