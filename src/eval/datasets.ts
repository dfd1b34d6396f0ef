/**
 * Readers for the evaluation sets: Sitrep's own question file (JSONL), SQuAD v1.1/v2.0 JSON and
 * BEIR folders. Each validates its input with zod and says which file and line is wrong.
 */
import fs from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { z } from 'zod';

/** One question of an evaluation set. */
export interface EvalQuestion {
  id: string;
  question: string;
  /** Accepted answers; empty when the corpus cannot answer. */
  answers: string[];
  answerable: boolean;
  /** Corpus file (relative to the corpus folder, with `:line` for JSONL) that should be cited, or null. */
  source: string | null;
  /** The day the question is asked as of (`YYYY-MM-DD`); absent: today. */
  asOf?: string;
  /** What the question tests ("count", "when", "latest", …), for figures per kind. */
  kind?: string;
  /** The article it was written about (SQuAD's title): training folds never split one. */
  article?: string;
}

/** A passage of text to index as one article. */
export interface EvalDocument {
  id: string;
  title: string;
  text: string;
}

export class DatasetError extends Error {
  override readonly name = 'DatasetError';
}

const questionLine = z
  .object({
    id: z.union([z.string(), z.number()]).optional(),
    question: z.string().trim().min(1),
    answers: z.array(z.string().trim().min(1)).default([]),
    answerable: z.boolean(),
    source: z.string().min(1).nullable().default(null),
    asOf: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
      .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), { message: 'not a calendar day' })
      .optional(),
    kind: z.string().min(1).optional(),
  })
  .refine((q) => !q.answerable || q.answers.length > 0, { message: 'an answerable question needs at least one answer' })
  .refine((q) => q.answerable || q.answers.length === 0, { message: 'an unanswerable question has no answers' });

function jsonLines(file: string, text: string): { line: number; value: unknown }[] {
  const out: { line: number; value: unknown }[] = [];
  text.split('\n').forEach((raw, i) => {
    if (raw.trim() === '') return;
    try {
      out.push({ line: i + 1, value: JSON.parse(raw) });
    } catch (err) {
      throw new DatasetError(`${file}:${i + 1}: invalid JSON (${(err as Error).message})`);
    }
  });
  return out;
}

/** Parses a question file: one `{ question, answers, answerable, source }` object per line. */
export function parseQuestionFile(file: string, text: string): EvalQuestion[] {
  return jsonLines(file, text).map(({ line, value }) => {
    const parsed = questionLine.safeParse(value);
    if (!parsed.success) {
      const why = parsed.error.issues.map((i) => `${i.path.join('.') || '(line)'}: ${i.message}`).join('; ');
      throw new DatasetError(`${file}:${line}: ${why}`);
    }
    const q = parsed.data;
    return { id: String(q.id ?? line), question: q.question, answers: q.answers, answerable: q.answerable, source: q.source, asOf: q.asOf, kind: q.kind };
  });
}

export function readQuestionFile(file: string): EvalQuestion[] {
  return parseQuestionFile(file, fs.readFileSync(file, 'utf8'));
}

const squadSchema = z.object({
  version: z.string().optional(),
  data: z.array(
    z.object({
      title: z.string(),
      paragraphs: z.array(
        z.object({
          context: z.string(),
          qas: z.array(
            z.object({
              id: z.string(),
              question: z.string(),
              answers: z.array(z.object({ text: z.string() })),
              is_impossible: z.boolean().optional(),
            }),
          ),
        }),
      ),
    }),
  ),
});

/** A SQuAD set as Sitrep sees it: every paragraph a document, every question asked of them all. */
export interface SquadSet {
  version: string;
  documents: EvalDocument[];
  /** `source` is the id of the paragraph's document. */
  questions: EvalQuestion[];
}

/** Parses SQuAD v1.1 or v2.0 JSON. Paragraph ids are `<article index>.<paragraph index>`. */
export function parseSquad(file: string, json: unknown): SquadSet {
  const parsed = squadSchema.safeParse(json);
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    throw new DatasetError(`${file}: not SQuAD JSON (${i.path.join('.')}: ${i.message})`);
  }
  const documents: EvalDocument[] = [];
  const questions: EvalQuestion[] = [];
  parsed.data.data.forEach((article, a) => {
    const title = article.title.replace(/_/g, ' ');
    article.paragraphs.forEach((p, n) => {
      const id = `${a}.${n}`;
      documents.push({ id, title, text: p.context });
      for (const qa of p.qas) {
        const answers = [...new Set(qa.answers.map((x) => x.text.trim()).filter(Boolean))];
        const answerable = !qa.is_impossible && answers.length > 0;
        questions.push({ id: qa.id, question: qa.question.trim(), answers: answerable ? answers : [], answerable, source: answerable ? id : null, article: title });
      }
    });
  });
  return { version: parsed.data.version ?? 'unknown', documents, questions };
}

export function readSquad(file: string): SquadSet {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new DatasetError(`${file}: ${(err as Error).message}`);
  }
  return parseSquad(file, json);
}

/** A BEIR retrieval set: documents, queries, and graded relevance per query. */
export interface BeirSet {
  documents: EvalDocument[];
  queries: { id: string; text: string }[];
  /** Query id → (document id → relevance); only queries judged in the split. */
  qrels: Map<string, Map<string, number>>;
}

const beirDoc = z.object({ _id: z.union([z.string(), z.number()]), title: z.string().default(''), text: z.string() });
const beirQuery = z.object({ _id: z.union([z.string(), z.number()]), text: z.string() });

function readMaybeGzip(folder: string, name: string): { file: string; text: string } {
  const plain = path.join(folder, name);
  if (fs.existsSync(plain)) return { file: plain, text: fs.readFileSync(plain, 'utf8') };
  const gz = `${plain}.gz`;
  if (fs.existsSync(gz)) return { file: gz, text: gunzipSync(fs.readFileSync(gz)).toString('utf8') };
  throw new DatasetError(`${folder}: no ${name} or ${name}.gz`);
}

function parseWith<T>(schema: z.ZodType<T>, file: string, text: string): T[] {
  return jsonLines(file, text).map(({ line, value }) => {
    const parsed = schema.safeParse(value);
    if (!parsed.success) throw new DatasetError(`${file}:${line}: ${parsed.error.issues[0]!.message}`);
    return parsed.data;
  });
}

/** Parses `query-id  corpus-id  score` lines (tab-separated, with or without a header). */
export function parseQrels(file: string, text: string): Map<string, Map<string, number>> {
  const qrels = new Map<string, Map<string, number>>();
  text.split('\n').forEach((raw, i) => {
    const cols = raw.trim().split('\t');
    if (raw.trim() === '' || (i === 0 && cols[0] === 'query-id')) return;
    const score = Number(cols[2]);
    if (cols.length < 3 || !Number.isFinite(score)) throw new DatasetError(`${file}:${i + 1}: expected query-id, corpus-id, score`);
    const judged = qrels.get(cols[0]!) ?? new Map<string, number>();
    judged.set(cols[1]!, score);
    qrels.set(cols[0]!, judged);
  });
  return qrels;
}

/** Reads a BEIR folder: `corpus.jsonl[.gz]`, `queries.jsonl[.gz]`, `qrels/<split>.tsv`. */
export function readBeir(folder: string, split = 'test'): BeirSet {
  const corpus = readMaybeGzip(folder, 'corpus.jsonl');
  const queries = readMaybeGzip(folder, 'queries.jsonl');
  const qrelsFile = path.join(folder, 'qrels', `${split}.tsv`);
  if (!fs.existsSync(qrelsFile)) throw new DatasetError(`${folder}: no qrels/${split}.tsv`);
  const qrels = parseQrels(qrelsFile, fs.readFileSync(qrelsFile, 'utf8'));
  const documents = parseWith(beirDoc, corpus.file, corpus.text).map((d) => ({ id: String(d._id), title: d.title, text: d.text }));
  const judged = parseWith(beirQuery, queries.file, queries.text)
    .map((q) => ({ id: String(q._id), text: q.text }))
    .filter((q) => qrels.has(q.id));
  return { documents, queries: judged, qrels };
}
