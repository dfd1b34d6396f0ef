import { describe, expect, it } from 'vitest';
import { chunkArticle } from '../../src/corpus/chunk.js';
import type { Article, Passage } from '../../src/corpus/types.js';
import { LinePassage, passageAt, passageLines, storedLineOf } from '../../src/store/passage-lines.js';
import { RecordLinesError, serializeRecords } from '../../src/store/record-lines.js';
import type { StoredPassage } from '../../src/store/stored-index.js';
import { runWhole } from '../../src/store/steps.js';

const article: Article = {
  id: 'a1b2c3d4e5f60718',
  file: 'one.md',
  title: 'Drone attack on a base',
  text: 'A drone struck the base on Sunday. Two soldiers were hurt. The group claimed it. Officials said the runway was closed. Flights resumed on Monday.',
};

const read = (bytes: Buffer) => runWhole(passageLines(bytes));
const plain = (p: Passage) => JSON.parse(JSON.stringify(p)) as Record<string, unknown>;

describe('passage lines', () => {
  it('reads the lines a build writes as passages whose every field, sentences included, is the stored one', () => {
    const passages = chunkArticle(article, { sentences: 2, overlap: 1 });
    expect(passages.length).toBeGreaterThan(2);
    const back = read(Buffer.from(serializeRecords(passages)));
    expect(back.every((p) => p instanceof LinePassage)).toBe(true);
    expect(back.map(plain)).toEqual(passages.map((p) => ({ ...plain(p), article: -1 })));
    back.forEach((p, i) => {
      expect([p.id, p.articleId, p.index, p.start, p.end]).toEqual([passages[i]!.id, passages[i]!.articleId, passages[i]!.index, passages[i]!.start, passages[i]!.end]);
      expect(p.sentences).toEqual(passages[i]!.sentences);
    });
  });

  it('reads a passage of no sentences and numbers of many digits', () => {
    const passages: Passage[] = [
      { id: 'x', articleId: 'y', index: 0, start: 0, end: 0, sentences: [] },
      { id: 'p2', articleId: 'y', index: 12, start: 123456789012, end: 123456789999, sentences: [{ start: 123456789012, end: 123456789100 }, { start: 0, end: 10 }] },
    ];
    const back = read(Buffer.from(serializeRecords(passages)));
    expect(back.every((p) => p instanceof LinePassage)).toBe(true);
    expect(back.map((p) => p.sentences)).toEqual(passages.map((p) => p.sentences));
    expect(back.map((p) => p.end)).toEqual([0, 123456789999]);
  });

  it('parses as JSON a line written another way, with the same fields', () => {
    const lines = [
      '{"articleId":"y","id":"x","index":0,"start":0,"end":5,"sentences":[{"start":0,"end":5}]}',
      '{"id":"x\\u0041","articleId":"y","index":0,"start":0,"end":5,"sentences":[]}',
      '{"id":"x","articleId":"y","index":0,"start":0,"end":5,"sentences":[],"extra":true}',
      '{"id":"x","articleId":"y","index":0,"start":0,"end":5,"sentences":[{"start":0,"end":5.0}]}',
      '{ "id":"x","articleId":"y","index":0,"start":0,"end":5,"sentences":[]}',
      '{"id":"é","articleId":"y","index":0,"start":0,"end":5,"sentences":[]}',
    ];
    const back = read(Buffer.from(lines.map((l) => `${l}\n`).join('')));
    expect(back.some((p) => p instanceof LinePassage)).toBe(false);
    expect(back).toEqual(lines.map((l) => JSON.parse(l)));
  });

  it('refuses a line that is not JSON, or does not end, naming the line, as the record reader does', () => {
    const good = '{"id":"x","articleId":"y","index":0,"start":0,"end":5,"sentences":[]}\n';
    for (const bad of ['{"id":"x","articleId":"y","index":01,"start":0,"end":5,"sentences":[]}', '{"id":"x","articleId":"y","index":0,"start":0,"end":5,"sentences":[{"start":0,"end":5}}', '{"id": oops}']) {
      expect(() => read(Buffer.from(`${good}${bad}\n`))).toThrowError(new RecordLinesError('line 2 is not valid JSON'));
    }
    expect(() => read(Buffer.from(`${good}${good.trim()}`))).toThrowError(new RecordLinesError('line 2 does not end'));
  });

  it('moves a read passage to another article position with its line, and copies a plain one', () => {
    const [p] = read(Buffer.from(serializeRecords(chunkArticle(article, { sentences: 3, overlap: 1 }))));
    const moved = passageAt(p as LinePassage, 7);
    expect(moved).toBeInstanceOf(LinePassage);
    expect(moved.article).toBe(7);
    expect(moved.sentences).toEqual(p!.sentences);
    expect((p as LinePassage).article).toBe(-1);
    const copy = passageAt({ ...(plain(p!) as unknown as Passage), article: 1 }, 2);
    expect(copy).toEqual({ ...plain(p!), article: 2 });
  });

  it("keeps each passage's stored line, moved or not, and none for a passage chunked now", () => {
    const passages = chunkArticle(article, { sentences: 2, overlap: 1 });
    const odd = '{"articleId":"y","id":"x","index":0,"start":0,"end":5,"sentences":[]}\n';
    const bytes = Buffer.from(serializeRecords(passages) + odd);
    const back = read(bytes);
    const lines = serializeRecords(passages).split('\n').slice(0, -1).map((l) => `${l}\n`);
    back.slice(0, -1).forEach((p, i) => expect(storedLineOf(passageAt(p as LinePassage, 3))?.toString()).toBe(lines[i]));
    expect(storedLineOf(back.at(-1) as StoredPassage)?.toString()).toBe(odd);
    expect(storedLineOf(passageAt({ ...(back.at(-1) as Passage), article: 0 }, 1))).toBeUndefined();
    expect(storedLineOf(passageAt(back.at(-1) as StoredPassage, 1))?.toString()).toBe(odd);
    expect(storedLineOf({ ...passages[0]!, article: 0 })).toBeUndefined();
  });
});
