/** `.jsonl`: one article per line (`id`, `title`, `url`, `source`, `published`, `text`). */
import { z } from 'zod';
import { buildAll, skip, type ArticleDraft, type ParsedFile } from './article.js';
import type { SkippedInput } from './types.js';

/** Shape of one line; metadata fields are checked by the shared metadata schema afterwards. */
const lineSchema = z.looseObject({
  /** The producer's own id; kept out of `Article.id`, which is always the content hash. */
  id: z.union([z.string(), z.number()]).optional(),
  text: z.string({ error: (i) => (i.input === undefined ? 'missing text' : 'text: expected a string') }),
});

export function parseJsonLines(file: string, text: string): ParsedFile {
  const drafts: Array<ArticleDraft | SkippedInput> = [];
  const lines = text.split('\n');
  lines.forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (err) {
      drafts.push(skip(file, `invalid JSON (${(err as Error).message})`, line));
      return;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      drafts.push(skip(file, 'expected a JSON object', line));
      return;
    }
    const parsed = lineSchema.safeParse(value);
    if (!parsed.success) {
      drafts.push(skip(file, parsed.error.issues.map((x) => (x.path[0] === 'id' ? 'id: expected a string or number' : x.message)).join('; '), line));
      return;
    }
    const { id: _id, text: body, ...metadata } = parsed.data;
    drafts.push({ metadata, body, line });
  });
  return buildAll(file, drafts);
}
