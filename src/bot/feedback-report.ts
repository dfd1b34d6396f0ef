/**
 * What `npm run feedback` prints and exports: votes grouped by question (and the day it was asked
 * as of), a summary, and the voted questions as lines of an evaluation question file, so that real
 * users' questions can feed `npm run eval`.
 */
import { formatDate } from '../answer/format.js';
import type { Vote } from './feedback-store.js';

export interface QuestionVotes {
  question: string;
  asOf: string;
  up: number;
  down: number;
  /** What the latest vote on it was about. */
  latest: Vote;
}

const key = (v: Vote) => `${v.question.trim().toLowerCase().replace(/\s+/g, ' ')}\u0000${v.asOf}`;

/** Votes grouped by question and as-of day; most voted down first, then most voted. */
export function byQuestion(votes: Vote[]): QuestionVotes[] {
  const groups = new Map<string, QuestionVotes>();
  for (const v of votes) {
    const g = groups.get(key(v)) ?? { question: v.question.trim(), asOf: v.asOf, up: 0, down: 0, latest: v };
    if (v.vote === 'up') g.up++;
    else g.down++;
    if (v.at >= g.latest.at) g.latest = v;
    groups.set(key(v), g);
  }
  return [...groups.values()].sort((a, b) => b.down - a.down || b.up + b.down - (a.up + a.down) || a.question.localeCompare(b.question));
}

export function summaryText(votes: Vote[], where: { dir: string; days: number }, top = 20): string {
  const up = votes.filter((v) => v.vote === 'up').length;
  const answers = new Set(votes.map((v) => v.answerId)).size;
  const people = new Set(votes.map((v) => v.voter)).size;
  const lines = [`Feedback of the last ${where.days} days (${where.dir}): ${votes.length} votes on ${answers} answers by ${people} people: 👍 ${up}, 👎 ${votes.length - up}.`];
  const groups = byQuestion(votes);
  if (groups.length > 0) lines.push('', `Questions (${groups.length}), most voted down first:`);
  for (const g of groups.slice(0, top)) {
    const quoted = g.latest.abstained ? 'abstained' : `quoted ${JSON.stringify(g.latest.span ?? g.latest.quote)} from ${g.latest.source?.file ?? '?'}`;
    lines.push(`  👍 ${g.up} 👎 ${g.down}  ${JSON.stringify(g.question)} as of ${formatDate(g.asOf)}: ${quoted}`);
  }
  if (groups.length > top) lines.push(`  … and ${groups.length - top} more`);
  return lines.join('\n');
}

/** A line of an evaluation question file (see src/eval/datasets.ts). */
export interface EvalLine {
  id: string;
  question: string;
  answers: string[];
  answerable: boolean;
  source: string | null;
  asOf: string;
  kind: string;
}

/** A voted-down question: what was wrong is known, the right answer is not; the operator writes it. */
export interface ReviewLine {
  id: string;
  question: string;
  asOf: string;
  up: number;
  down: number;
  /** What Sitrep answered: the quote and its source, or null when it abstained. */
  answered: { quote: string; span: string | null; source: string | null } | null;
}

/**
 * Questions voted up more than down become eval lines that hold Sitrep to its answer (the span, or
 * the quote; an abstention voted up is an unanswerable question). The others go to review.
 */
export function evalExport(votes: Vote[]): { questions: EvalLine[]; review: ReviewLine[] } {
  const questions: EvalLine[] = [];
  const review: ReviewLine[] = [];
  byQuestion(votes).forEach((g, i) => {
    const id = `feedback-${i + 1}`;
    const v = g.latest;
    if (g.up > g.down) {
      const answerable = !v.abstained && v.quote !== null;
      questions.push({
        id,
        question: g.question,
        answers: answerable ? [v.span ?? v.quote!] : [],
        answerable,
        source: answerable ? v.source?.file ?? null : null,
        asOf: g.asOf,
        kind: 'feedback',
      });
    } else {
      review.push({
        id,
        question: g.question,
        asOf: g.asOf,
        up: g.up,
        down: g.down,
        answered: v.abstained || v.quote === null ? null : { quote: v.quote, span: v.span, source: v.source?.file ?? null },
      });
    }
  });
  return { questions, review };
}

export const toJsonLines = (rows: object[]) => rows.map((r) => JSON.stringify(r)).join('\n') + (rows.length > 0 ? '\n' : '');

/** Where the voted-down questions of an export go: `x.jsonl` → `x.review.jsonl`. */
export function reviewPath(file: string): string {
  const ext = file.match(/\.[^./\\]+$/)?.[0] ?? '';
  return `${ext ? file.slice(0, -ext.length) : file}.review${ext || '.jsonl'}`;
}
