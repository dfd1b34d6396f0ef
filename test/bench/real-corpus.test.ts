import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { benchQuestionsOf, splitOwnCorpus, writeOwnCorpus } from '../../src/bench/real-corpus.js';

const made: string[] = [];
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sitrep-own-corpus-'));
  made.push(dir);
  return dir;
};
afterEach(() => made.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function questionFile(dir: string, lines: object[]): string {
  const file = path.join(dir, 'questions.jsonl');
  fs.writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  return file;
}

describe('benching a corpus folder of its own', () => {
  it('times the answerable questions, each with its as-of day', () => {
    const file = questionFile(tempDir(), [
      { id: 'a', question: 'How many drones were shot down?', answers: ['three'], answerable: true, asOf: '2024-01-05' },
      { id: 'b', question: 'Who won the cup?', answers: [], answerable: false },
      { id: 'c', question: 'Where did the rocket land?', answers: ['Erbil'], answerable: true },
    ]);
    expect(benchQuestionsOf(file)).toEqual([
      { question: 'How many drones were shot down?', answers: ['three'], published: '2024-01-05' },
      { question: 'Where did the rocket land?', answers: ['Erbil'] },
    ]);
  });

  it('refuses a question file with nothing to time', () => {
    const file = questionFile(tempDir(), [{ id: 'b', question: 'Who won the cup?', answers: [], answerable: false }]);
    expect(() => benchQuestionsOf(file)).toThrow(/no answerable question/);
  });

  it('copies the folder, subfolders and times kept, so the bench never writes into it', () => {
    const source = tempDir();
    fs.mkdirSync(path.join(source, 'feeds'));
    fs.writeFileSync(path.join(source, 'a.md'), '# A\n\nA drone struck a depot.\n');
    fs.writeFileSync(path.join(source, 'feeds', 'b.jsonl'), '{"title":"B","text":"A rocket hit a base."}\n');
    const mtime = new Date('2024-01-01T00:00:00Z');
    fs.utimesSync(path.join(source, 'a.md'), mtime, mtime);
    const into = tempDir();
    const questions = questionFile(tempDir(), [{ id: 'a', question: 'What struck the depot?', answers: ['A drone'], answerable: true }]);

    const corpus = writeOwnCorpus({ dir: source, questionsFile: questions }, into);

    expect(corpus.questions).toHaveLength(1);
    expect(fs.readFileSync(path.join(into, 'feeds', 'b.jsonl'), 'utf8')).toBe(fs.readFileSync(path.join(source, 'feeds', 'b.jsonl'), 'utf8'));
    expect(fs.statSync(path.join(into, 'a.md')).mtimeMs).toBe(mtime.getTime());
    fs.writeFileSync(path.join(into, 'added.md'), '# C\n');
    expect(fs.readdirSync(source).sort()).toEqual(['a.md', 'feeds']);
  });

  it('says so when the corpus folder is missing', () => {
    const questions = questionFile(tempDir(), [{ id: 'a', question: 'Q?', answers: ['x'], answerable: true }]);
    expect(() => writeOwnCorpus({ dir: path.join(tempDir(), 'nowhere'), questionsFile: questions }, tempDir())).toThrow(/not a folder/);
  });

  it('holds back every n-th line of each JSON Lines file for the incremental adds, the rest copied', () => {
    const source = tempDir();
    const lines = Array.from({ length: 20 }, (_, i) => JSON.stringify({ title: `T${i}`, text: `A strike hit post ${i}.` }));
    fs.writeFileSync(path.join(source, 'feed.jsonl'), `${lines.join('\n')}\n`);
    fs.writeFileSync(path.join(source, 'a.md'), '# A\n\nA drone struck a depot.\n');
    const into = tempDir();
    const questions = questionFile(tempDir(), [{ id: 'a', question: 'What struck the depot?', answers: ['A drone'], answerable: true }]);

    const { base, lines: held } = splitOwnCorpus({ dir: source, questionsFile: questions }, into, 0.1);

    expect(held).toEqual([lines[9], lines[19]]);
    const kept = fs.readFileSync(path.join(into, 'feed.jsonl'), 'utf8').trim().split('\n');
    expect(kept).toEqual(lines.filter((_, i) => i !== 9 && i !== 19));
    expect(fs.existsSync(path.join(into, 'a.md'))).toBe(true);
    expect(base.questions).toHaveLength(1);
    expect(fs.readFileSync(path.join(source, 'feed.jsonl'), 'utf8').trim().split('\n')).toHaveLength(20);
  });
});
