/**
 * Votes on answers (👍/👎): what was asked and quoted, the vote, when, and the voter as an HMAC of
 * their user id keyed with FEEDBACK_SECRET (a plain hash of an id is reversible: anyone can hash
 * every id in a server's member list and compare). One JSON line per vote, appended to a file per
 * UTC day (`FEEDBACK_DIR/votes-2024-05-01.jsonl`); files older than FEEDBACK_DAYS are removed and
 * older lines are never read. A later vote by the same person on the same answer replaces theirs.
 */
import { createHmac } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Answer } from '../answer/types.js';

export const VOTE_VERSION = 1;
export type VoteKind = 'up' | 'down';

export interface Vote {
  v: typeof VOTE_VERSION;
  /** ISO time of the vote. */
  at: string;
  answerId: string;
  /** HMAC-SHA256 of the user id keyed with FEEDBACK_SECRET, hex, first 32 characters. */
  voter: string;
  vote: VoteKind;
  question: string;
  asOf: string;
  abstained: boolean;
  /** The quoted answer sentence and its marked span, null when it abstained. */
  quote: string | null;
  span: string | null;
  /** The answer's source (corpus file relative to the corpus folder), null when it abstained. */
  source: { title: string; source: string | null; published: string | null; url: string | null; file: string } | null;
  confidence: number;
}

const FILE = /^votes-(\d{4}-\d{2}-\d{2})\.jsonl$/;
const DAY_MS = 86_400_000;

export function voterId(secret: string, userId: string): string {
  return createHmac('sha256', secret).update(userId).digest('hex').slice(0, 32);
}

/** The vote on an answer, with what it was about. */
export function voteOn(answer: Answer, answerId: string, voter: string, vote: VoteKind, at: Date): Vote {
  const quoted = answer.abstained ? null : answer.answer;
  const src = quoted ? answer.sources.find((s) => s.n === quoted.citation) ?? null : null;
  return {
    v: VOTE_VERSION,
    at: at.toISOString(),
    answerId,
    voter,
    vote,
    question: answer.question,
    asOf: answer.asOf,
    abstained: quoted === null,
    quote: quoted?.text ?? null,
    span: quoted?.span?.text ?? null,
    source: src ? { title: src.title, source: src.source, published: src.published, url: src.url, file: src.file } : null,
    confidence: answer.confidence,
  };
}

export interface FeedbackStoreOptions {
  dir: string;
  keepDays: number;
  now?: () => Date;
}

export class FeedbackStore {
  private readonly now: () => Date;
  /** Appends from this process go out one at a time. */
  private writing: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: FeedbackStoreOptions) {
    this.now = options.now ?? (() => new Date());
  }

  get dir(): string {
    return this.options.dir;
  }

  async add(vote: Vote): Promise<void> {
    const file = path.join(this.options.dir, `votes-${vote.at.slice(0, 10)}.jsonl`);
    const write = this.writing.then(async () => {
      await fs.mkdir(this.options.dir, { recursive: true });
      // One write per line with O_APPEND: lines from several shards never interleave.
      await fs.appendFile(file, `${JSON.stringify(vote)}\n`, { flag: 'a' });
    });
    this.writing = write.catch(() => undefined);
    await write;
  }

  /** Votes within FEEDBACK_DAYS, the latest per voter and answer, oldest first; bad lines are skipped. */
  async votes(): Promise<Vote[]> {
    const since = this.now().getTime() - this.options.keepDays * DAY_MS;
    const latest = new Map<string, Vote>();
    const names = (await fs.readdir(this.options.dir).catch(() => [] as string[])).filter((f) => FILE.test(f)).sort();
    for (const name of names) {
      const text = await fs.readFile(path.join(this.options.dir, name), 'utf8');
      for (const line of text.split('\n')) {
        const vote = parseVote(line);
        if (!vote || Date.parse(vote.at) < since) continue;
        const key = `${vote.answerId} ${vote.voter}`;
        const seen = latest.get(key);
        if (!seen || seen.at <= vote.at) latest.set(key, vote);
      }
    }
    return [...latest.values()].sort((a, b) => a.at.localeCompare(b.at));
  }

  /** Removes the day files whose every vote is older than FEEDBACK_DAYS; returns how many. */
  async prune(): Promise<number> {
    const lastExpired = new Date(this.now().getTime() - (this.options.keepDays + 1) * DAY_MS).toISOString().slice(0, 10);
    let removed = 0;
    for (const name of await fs.readdir(this.options.dir).catch(() => [] as string[])) {
      const day = FILE.exec(name)?.[1];
      if (!day || day > lastExpired) continue;
      await fs.rm(path.join(this.options.dir, name), { force: true });
      removed++;
    }
    return removed;
  }
}

function parseVote(line: string): Vote | null {
  if (!line.trim()) return null;
  try {
    const v = JSON.parse(line) as Vote;
    const ok =
      v?.v === VOTE_VERSION &&
      typeof v.at === 'string' &&
      !Number.isNaN(Date.parse(v.at)) &&
      typeof v.answerId === 'string' &&
      typeof v.voter === 'string' &&
      (v.vote === 'up' || v.vote === 'down') &&
      typeof v.question === 'string' &&
      typeof v.asOf === 'string';
    return ok ? v : null;
  } catch {
    // A line cut short by a crash mid-write.
    return null;
  }
}
