import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chunkArticle, cleanText, normaliseDate, parseCorpusFile, shortHash, splitSentences } from '../../src/corpus/index.js';

/** Text built from the pieces that make sentence splitting hard. */
const newsish = fc
  .array(
    fc.oneof(
      fc.constantFrom('U.S.', 'Mr.', 'Gen.', 'J.', 'Oct.', '3.5', 'said.”', '...', '…', '?', '!', '“', '”', '(', ')', 'e.g.', 'No.', '-', '•'),
      fc.constantFrom(' ', ' ', ' ', '\n', '\n\n', '\t', '\u00a0', '\r\n'),
      fc.stringMatching(/^[A-Za-z]{1,8}$/),
      fc.string({ maxLength: 4, unit: 'binary' }),
    ),
    { maxLength: 80 },
  )
  .map((parts) => parts.join(''));

const anyText = fc.oneof(newsish, fc.string({ maxLength: 200, unit: 'binary' }));
const runs = { numRuns: 300 };

describe('splitSentences on any text', () => {
  it('gives ordered, non-empty, trimmed spans within bounds that cover every non-space character', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const spans = splitSentences(text, { maxChars: 60 });
        let previousEnd = 0;
        const covered = new Array<boolean>(text.length).fill(false);
        for (const { start, end } of spans) {
          expect(start).toBeGreaterThanOrEqual(previousEnd);
          expect(end).toBeGreaterThan(start);
          expect(end).toBeLessThanOrEqual(text.length);
          expect(end - start).toBeLessThanOrEqual(60);
          expect(text[start]).toMatch(/\S/);
          expect(text[end - 1]).toMatch(/\S/);
          for (let i = start; i < end; i++) covered[i] = true;
          previousEnd = end;
        }
        for (let i = 0; i < text.length; i++) if (/\S/.test(text[i])) expect(covered[i]).toBe(true);
      }),
      runs,
    );
  });
});

describe('chunkArticle on any text', () => {
  it('covers every sentence in order with windows of at most the requested size', () => {
    fc.assert(
      fc.property(anyText, fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 8 }), (text, sentences, overlap) => {
        const all = splitSentences(text);
        const passages = chunkArticle({ id: shortHash(text), file: 'f', title: 't', text }, { sentences, overlap });
        expect(passages.length > 0).toBe(all.length > 0);
        const seen = new Set<number>();
        passages.forEach((p, i) => {
          expect(p.index).toBe(i);
          expect(p.sentences.length).toBeGreaterThan(0);
          expect(p.sentences.length).toBeLessThanOrEqual(sentences);
          expect(p.start).toBe(p.sentences[0].start);
          expect(p.end).toBe(p.sentences.at(-1)!.end);
          if (i > 0) expect(p.start).toBeGreaterThan(passages[i - 1].start);
          p.sentences.forEach((s) => seen.add(s.start));
        });
        expect([...seen].sort((a, b) => a - b)).toEqual(all.map((s) => s.start));
      }),
      runs,
    );
  });
});

describe('parseCorpusFile on any bytes', () => {
  it('never throws, and everything it returns is well formed', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('a.md', 'b.txt', 'c.html', 'd.jsonl', 'e.bin'),
        fc.oneof(fc.uint8Array({ maxLength: 300 }), anyText.map((t) => new TextEncoder().encode(t))),
        (file, bytes) => {
          const { articles, skipped } = parseCorpusFile(file, Buffer.from(bytes));
          for (const a of articles) {
            expect(a.file).toBe(file);
            expect(a.title.length).toBeGreaterThan(0);
            expect(a.text.trim()).toBe(a.text);
            expect(a.text.length).toBeGreaterThan(0);
            expect(a.id).toBe(shortHash(a.text));
          }
          for (const s of skipped) {
            expect(s.file).toBe(file);
            expect(s.reason.length).toBeGreaterThan(0);
          }
          expect(articles.length + skipped.length).toBeGreaterThan(0);
        },
      ),
      runs,
    );
  });
});

describe('cleanText on any text', () => {
  it('is idempotent and leaves no carriage returns, NBSPs or runs of blank lines', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const once = cleanText(text);
        expect(cleanText(once)).toBe(once);
        expect(once).not.toMatch(/\r|\u00a0|\n{3,}|[ \t]\n/);
      }),
      runs,
    );
  });
});

describe('normaliseDate on any real day', () => {
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  it('reads ISO, "6 December 2023" and "December 6, 2023" forms as the same day', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1950-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }), (d) => {
        const [y, m, day] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
        const iso = `${y}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
        expect(normaliseDate(iso)).toBe(iso);
        expect(normaliseDate(`${iso}T12:00:00Z`)).toBe(iso);
        expect(normaliseDate(`${day} ${months[m - 1]} ${y}`)).toBe(iso);
        expect(normaliseDate(`${months[m - 1]} ${day}, ${y}`)).toBe(iso);
      }),
      runs,
    );
  });
});
