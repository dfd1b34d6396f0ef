import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { benchQuestionsOf, writeOwnCorpus } from '../../src/bench/real-corpus.js';

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
});
