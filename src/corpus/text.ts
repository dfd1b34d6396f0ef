/** `.txt`: the first non-empty line is the title (unless front matter gives one), the rest is the text. */
import { buildAll, skip, type ParsedFile } from './article.js';
import { isBoilerplateLine } from './clean.js';
import { splitFrontMatter } from './frontmatter.js';

export function parsePlainText(file: string, text: string): ParsedFile {
  const fm = splitFrontMatter(text);
  if (!fm.ok) return { articles: [], skipped: [skip(file, fm.reason)] };
  const metadata = { ...fm.data };
  let body = fm.body;
  if (metadata.title == null || (typeof metadata.title === 'string' && metadata.title.trim() === '')) {
    const lines = body.split('\n');
    const at = lines.findIndex((l) => l.trim() !== '' && !isBoilerplateLine(l));
    if (at >= 0) {
      metadata.title = lines[at].trim();
      body = lines.slice(at + 1).join('\n');
    }
  }
  return buildAll(file, [{ metadata, body }]);
}
