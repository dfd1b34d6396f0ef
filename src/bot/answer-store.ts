/**
 * Answers the bot has sent, kept so that the buttons under them (Sources, Earlier figures, votes,
 * Post in channel) keep working after a restart and after the index changed: a button's custom id
 * carries only the answer's id, and everything it shows comes from here, as it was answered.
 *
 * One small JSON file per answer, in a folder per UTC day (`ANSWERS_DIR/2024-05-01/<id>.json`),
 * written to a temporary name and renamed, so a crash never leaves half a record. Day folders older
 * than `ANSWER_KEEP_DAYS` are removed whole; a record that old is not read even before that.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Answer } from '../answer/types.js';
import type { CorpusFreshness } from './format/answer-embed.js';

export const ANSWER_RECORD_VERSION = 1;

/** The passage an answer quoted from one of its sources (by source number), as it stood then. */
export interface QuotedPassage {
  n: number;
  text: string;
}

export interface AnswerRecord {
  v: typeof ANSWER_RECORD_VERSION;
  id: string;
  /** ISO time it was answered. */
  at: string;
  answer: Answer;
  passages: QuotedPassage[];
  /** The corpus that answered: its size and when its index was built. */
  corpus?: CorpusFreshness;
  /** Set when a private answer ("Ask Sitrep") was posted in its channel. */
  postedAt?: string;
}

/** `20240501` + 10 random characters: the day (for its folder) and an unguessable rest. */
const ID = /^(\d{4})(\d{2})(\d{2})([a-z0-9]{10})$/;
const DAY_FOLDER = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

export function isAnswerId(id: string): boolean {
  return ID.test(id);
}

function newId(now: Date): string {
  const day = now.toISOString().slice(0, 10).replace(/-/g, '');
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const rest = [...randomBytes(10)].map((b) => alphabet[b % alphabet.length]).join('');
  return day + rest;
}

export interface AnswerStoreOptions {
  dir: string;
  keepDays: number;
  /** Clock, for tests. */
  now?: () => Date;
}

export class AnswerStore {
  private readonly now: () => Date;

  constructor(private readonly options: AnswerStoreOptions) {
    this.now = options.now ?? (() => new Date());
  }

  private file(id: string): string {
    const [, y, m, d] = ID.exec(id)!;
    return path.join(this.options.dir, `${y}-${m}-${d}`, `${id}.json`);
  }

  /** Keeps an answer and the passages it quoted; returns its id. */
  async save(answer: Answer, passages: QuotedPassage[], corpus?: CorpusFreshness): Promise<string> {
    const now = this.now();
    const record: AnswerRecord = { v: ANSWER_RECORD_VERSION, id: newId(now), at: now.toISOString(), answer, passages, corpus };
    await this.write(record);
    return record.id;
  }

  /** The record of `id`, or null when it is unknown, older than ANSWER_KEEP_DAYS, unreadable or of another version. */
  async load(id: string): Promise<AnswerRecord | null> {
    if (!isAnswerId(id)) return null;
    let record: AnswerRecord;
    try {
      record = JSON.parse(await fs.readFile(this.file(id), 'utf8')) as AnswerRecord;
    } catch {
      return null;
    }
    if (record?.v !== ANSWER_RECORD_VERSION || record.id !== id || typeof record.answer !== 'object') return null;
    if (this.now().getTime() - Date.parse(record.at) > this.options.keepDays * DAY_MS) return null;
    return record;
  }

  /** Rewrites a record with `patch` applied; false when it is gone. */
  async update(id: string, patch: Partial<Pick<AnswerRecord, 'postedAt'>>): Promise<boolean> {
    const record = await this.load(id);
    if (!record) return false;
    await this.write({ ...record, ...patch });
    return true;
  }

  /** Removes the day folders whose every answer is older than ANSWER_KEEP_DAYS; returns how many. */
  async prune(): Promise<number> {
    // Day D's last answer, given just before D + 1, expires at D + 1 + keepDays.
    const lastExpired = new Date(this.now().getTime() - (this.options.keepDays + 1) * DAY_MS).toISOString().slice(0, 10);
    let removed = 0;
    for (const name of await fs.readdir(this.options.dir).catch(() => [] as string[])) {
      if (!DAY_FOLDER.test(name) || name > lastExpired) continue;
      await fs.rm(path.join(this.options.dir, name), { recursive: true, force: true });
      removed++;
    }
    return removed;
  }

  private async write(record: AnswerRecord): Promise<void> {
    const file = this.file(record.id);
    await fs.mkdir(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    await fs.writeFile(tmp, JSON.stringify(record));
    await fs.rename(tmp, file);
  }
}
