import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AnswerStore, isAnswerId } from '../../src/bot/answer-store.js';
import { answer } from './fixtures.js';

const temps: string[] = [];
afterEach(() => temps.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
function store(now: () => Date, keepDays = 30) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sitrep-answers-'));
  temps.push(dir);
  return { dir, store: new AnswerStore({ dir, keepDays, now }) };
}

describe('answer store', () => {
  it('keeps an answer with its passages under an id of its day, and reads it back', async () => {
    const { dir, store: s } = store(() => new Date('2024-05-01T10:00:00Z'));
    const id = await s.save(answer(), [{ n: 1, text: 'The passage.' }]);
    expect(id).toMatch(/^20240501[a-z0-9]{10}$/);
    expect(fs.existsSync(path.join(dir, '2024-05-01', `${id}.json`))).toBe(true);
    const record = await s.load(id);
    expect(record).toMatchObject({ id, answer: { question: 'How many attacks since Oct 17?' }, passages: [{ n: 1, text: 'The passage.' }] });
    expect(await s.update(id, { postedAt: '2024-05-01T10:01:00Z' })).toBe(true);
    expect((await s.load(id))!.postedAt).toBe('2024-05-01T10:01:00Z');
  });

  it('forgets answers older than ANSWER_KEEP_DAYS, and removes their day folders', async () => {
    let now = new Date('2024-05-01T10:00:00Z');
    const { dir, store: s } = store(() => now, 2);
    const id = await s.save(answer(), []);
    now = new Date('2024-05-03T09:00:00Z');
    expect(await s.load(id)).not.toBeNull();
    expect(await s.prune()).toBe(0);
    now = new Date('2024-05-03T11:00:00Z');
    expect(await s.load(id)).toBeNull();
    now = new Date('2024-05-04T12:00:00Z');
    expect(await s.prune()).toBe(1);
    expect(fs.existsSync(path.join(dir, '2024-05-01'))).toBe(false);
  });

  it('reads nothing for a malformed id, a damaged file or another version', async () => {
    const { dir, store: s } = store(() => new Date('2024-05-01T10:00:00Z'));
    for (const bad of ['', '../../etc/passwd', '20240501ABCDEFGHIJ', '20240501abc/defghi', '20240501abcdefghij.json']) {
      expect(isAnswerId(bad)).toBe(false);
      expect(await s.load(bad)).toBeNull();
    }
    const id = await s.save(answer(), []);
    const file = path.join(dir, '2024-05-01', `${id}.json`);
    fs.writeFileSync(file, '{"v":1,');
    expect(await s.load(id)).toBeNull();
    fs.writeFileSync(file, JSON.stringify({ v: 99, id, at: '2024-05-01T10:00:00Z', answer: answer(), passages: [] }));
    expect(await s.load(id)).toBeNull();
    expect(fs.readdirSync(path.join(dir, '2024-05-01')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
