/**
 * Article metadata as people write it (front matter, JSONL fields, HTML meta tags), validated with
 * zod and normalised: trimmed strings, `published` as `YYYY-MM-DD`, `url` as an absolute http(s) URL.
 */
import * as chrono from 'chrono-node';
import { z } from 'zod';

/** The metadata an article carries once validated. */
export interface ArticleMetadata {
  title: string;
  source?: string;
  published?: string;
  url?: string;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `YYYY-MM-DD` if the parts name a real calendar day (no 30 February), else undefined. */
function isoDay(year: number, month: number, day: number): string | undefined {
  if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1) return undefined;
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return undefined;
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** Longer than any written date ("Wednesday, 6 December 2023, 10:00:00 Coordinated Universal Time"). */
const MAX_DATE_CHARS = 100;

/** Thrown by `normaliseDate` with a message that names the value and the fix. */
export class DateFormatError extends Error {
  override readonly name = 'DateFormatError';
}

/**
 * Normalises a publication date to `YYYY-MM-DD`. Accepts ISO dates and datetimes (the calendar day
 * as written, whatever the offset), `YYYY/MM/DD`, day-month-year with an unambiguous numeric order,
 * and written forms such as "6 December 2023", "Dec. 6, 2023" or "Wed, 06 Dec 2023 10:00:00 GMT".
 * Relative or partial dates ("yesterday", "December 2023") are refused: a corpus date must be exact.
 *
 * @throws DateFormatError when the value is not such a date.
 */
export function normaliseDate(value: unknown): string {
  if (value instanceof Date) {
    const day = Number.isNaN(value.getTime())
      ? undefined
      : isoDay(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate());
    if (day) return day;
    throw new DateFormatError('invalid date');
  }
  if (typeof value !== 'string') {
    throw new DateFormatError(`invalid date ${JSON.stringify(value)?.slice(0, MAX_DATE_CHARS)} (expected text such as 2023-12-06)`);
  }
  const s = value.trim();
  const shown = value.length > MAX_DATE_CHARS ? `${value.slice(0, MAX_DATE_CHARS)}…` : value;
  const bad = (why = 'not a recognisable date') =>
    new DateFormatError(`invalid date "${shown}": ${why} (write it as YYYY-MM-DD)`);
  // chrono's patterns are not written for megabytes of text, and no written date is this long.
  if (s.length > MAX_DATE_CHARS) throw bad('too long to be a date');

  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{1,2}:\d{2}.*)?$/i.exec(s) ?? /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$/.exec(s);
  if (m) {
    const day = isoDay(Number(m[1]), Number(m[2]), Number(m[3]));
    if (day) return day;
    throw bad('no such day');
  }
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (m) {
    const [a, b, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
    // 06/12/2023 is June in one country and December in the next: refuse to guess.
    if (a <= 12 && b <= 12 && a !== b) throw bad('day and month order is ambiguous');
    const day = a > 12 ? isoDay(year, b, a) : isoDay(year, a, b);
    if (day) return day;
    throw bad('no such day');
  }

  const results = chrono.strict.parse(s);
  const r = results.length === 1 ? results[0] : undefined;
  const coversAll = r !== undefined && r.index === 0 && s.slice(r.text.length).replace(/[\s.,]+/g, '') === '';
  if (r && coversAll && r.start.isCertain('year') && r.start.isCertain('month') && r.start.isCertain('day')) {
    const day = isoDay(r.start.get('year') ?? 0, r.start.get('month') ?? 0, r.start.get('day') ?? 0);
    if (day) return day;
  }
  throw bad();
}

/** Numbers become strings (`title: 1984`); blank strings count as absent. */
const text = z.preprocess(
  (v) => (typeof v === 'number' ? String(v) : typeof v === 'string' ? v.trim() || undefined : v),
  z.string(),
);

const publishedDate = z.unknown().transform((v, ctx) => {
  if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) return undefined;
  try {
    return normaliseDate(v);
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: (err as Error).message });
    return z.NEVER;
  }
});

const httpUrl = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim() || undefined : v),
  z
    .string()
    .refine((u) => URL.canParse(u) && /^https?:$/.test(new URL(u).protocol), {
      error: (issue) => `invalid url ${JSON.stringify(issue.input)} (expected an absolute http(s) URL)`,
    })
    .optional(),
);

/** Metadata fields as found in a file; unknown fields are ignored, `date` is read as `published`. */
export const metadataSchema = z
  .object({
    title: text.optional(),
    source: text.optional(),
    published: publishedDate.optional(),
    date: publishedDate.optional(),
    url: httpUrl,
  })
  .transform(({ date, ...meta }) => ({ ...meta, published: meta.published ?? date }));

export type MetadataResult = { ok: true; metadata: ArticleMetadata } | { ok: false; reason: string };

function describe(issue: z.core.$ZodIssue): string {
  const field = issue.path.join('.');
  if (issue.code === 'invalid_type') return `${field}: expected ${issue.expected}`;
  return field === 'published' || field === 'date' || field === 'url' ? issue.message : `${field}: ${issue.message}`;
}

/**
 * Validates raw metadata. A missing title or a date or URL that cannot be read gives a reason a
 * person can act on ("missing title", `invalid date "Decembr 6": …`).
 */
export function validateMetadata(raw: Record<string, unknown>): MetadataResult {
  const parsed = metadataSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: parsed.error.issues.map(describe).join('; ') };
  const { title, source, published, url } = parsed.data;
  if (!title) return { ok: false, reason: 'missing title' };
  const metadata: ArticleMetadata = { title };
  if (source) metadata.source = source;
  if (published) metadata.published = published;
  if (url) metadata.url = url;
  return { ok: true, metadata };
}
