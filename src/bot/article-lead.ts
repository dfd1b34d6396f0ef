/**
 * The lead of an article in the corpus: its first sentence (what an alert quotes) and its first few
 * sentences (what its story is recognised by), read from the corpus file with the loader's own
 * parsing and sentence splitting, so the words are those the index holds.
 */
import path from 'node:path';
import { readCorpusFile, splitSentences } from '../corpus/index.js';

/** Sentences of the lead that a story is recognised by. */
const LEAD_SENTENCES = 2;

export interface ArticleLead {
  /** The first sentence, verbatim. */
  sentence: string;
  /** The first few sentences. */
  lead: string;
}

/** `file` as in a SourceRef: corpus-relative, with `:line` for an article of a JSONL file. */
export async function readLead(corpusDir: string, file: string, maxFileBytes: number): Promise<ArticleLead | null> {
  const m = /^(.*?)(?::(\d+))?$/.exec(file)!;
  const rel = m[1]!;
  const line = m[2] === undefined ? undefined : Number(m[2]);
  const abs = path.resolve(corpusDir, rel);
  // A file reference from the index never leaves the corpus folder; refuse one that would.
  if (path.relative(path.resolve(corpusDir), abs).startsWith('..')) return null;
  // A JSONL file is read up to the article's line only, however large the file.
  const { articles } = await readCorpusFile(abs, rel.split(path.sep).join('/'), { maxFileBytes, onlyLine: line });
  const article = line === undefined ? articles[0] : articles.find((a) => a.line === line);
  if (!article) return null;
  const spans = splitSentences(article.text).slice(0, LEAD_SENTENCES);
  if (spans.length === 0) return null;
  const sentence = article.text.slice(spans[0]!.start, spans[0]!.end).trim();
  const lead = article.text.slice(spans[0]!.start, spans[spans.length - 1]!.end).trim();
  return { sentence, lead };
}
