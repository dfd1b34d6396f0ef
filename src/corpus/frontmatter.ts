/** YAML front matter (`---` … `---` at the top of a file), read with the `yaml` package. */
import { parse as parseYaml } from 'yaml';

export type FrontMatter =
  | { ok: true; data: Record<string, unknown>; body: string }
  | { ok: false; reason: string };

const OPENING = /^---[ \t]*\n/;
const CLOSING = /^(?:---|\.\.\.)[ \t]*$/m;

/** Splits off front matter when the text starts with it; text without any gives empty data. */
export function splitFrontMatter(text: string): FrontMatter {
  const open = OPENING.exec(text);
  if (!open) return { ok: true, data: {}, body: text };
  const rest = text.slice(open[0].length);
  const close = CLOSING.exec(rest);
  if (!close) return { ok: false, reason: 'bad front matter: no closing "---" line' };
  const source = rest.slice(0, close.index);
  const body = rest.slice(close.index + close[0].length).replace(/^\n/, '');
  let data: unknown;
  try {
    // Errors become the skip reason; warnings (an unknown tag, say) would reach stderr without the file's name.
    data = parseYaml(source, { logLevel: 'error' });
  } catch (err) {
    const message = (err as Error).message.split('\n')[0];
    return { ok: false, reason: `bad front matter: ${message}` };
  }
  if (data === null || data === undefined) return { ok: true, data: {}, body };
  if (typeof data !== 'object' || Array.isArray(data)) {
    return { ok: false, reason: 'bad front matter: expected "key: value" lines' };
  }
  return { ok: true, data: data as Record<string, unknown>, body };
}
