/** `.md` / `.markdown`: YAML front matter, title falling back to the first `# heading`. */
import { buildAll, skip, type ParsedFile } from './article.js';
import { splitFrontMatter } from './frontmatter.js';

const H1 = /^ {0,3}#[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$/m;

/**
 * Markdown syntax reduced to the words a reader sees, so quotes carry no `**` or link targets.
 * Deliberately light: news articles use headings, emphasis and links, little else.
 */
export function markdownToText(md: string): string {
  return md
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/^ {0,3}(?:```|~~~).*$/gm, '')
    .replace(/^ {0,3}\[[^\]\n]+\]:[ \t]+\S+.*$/gm, '')
    .replace(/^ {0,3}(?:[-*_][ \t]*){3,}$/gm, '')
    .replace(/^ {0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/gm, '$1')
    .replace(/^ {0,3}>[ \t]?/gm, '')
    .replace(/!\[[^\]\n]*\]\([^)\n]*\)/g, '')
    .replace(/\[([^\]\n]+)\]\([^)\n]*\)/g, '$1')
    .replace(/\[([^\]\n]+)\]\[[^\]\n]*\]/g, '$1')
    .replace(/(\*\*|__)(?=\S)([^\n]*?\S)\1/g, '$2')
    .replace(/(^|[^\w*])\*(?=\S)([^*\n]*?\S)\*(?!\w)/g, '$1$2')
    .replace(/(^|[^\w])_(?=\S)([^_\n]*?\S)_(?!\w)/g, '$1$2')
    .replace(/`([^`\n]+)`/g, '$1');
}

export function parseMarkdown(file: string, text: string): ParsedFile {
  const fm = splitFrontMatter(text);
  if (!fm.ok) return { articles: [], skipped: [skip(file, fm.reason)] };
  const metadata = { ...fm.data };
  let body = fm.body;
  const hasTitle = typeof metadata.title === 'string' ? metadata.title.trim() !== '' : metadata.title != null;
  if (!hasTitle) {
    const heading = H1.exec(body);
    if (heading) {
      metadata.title = markdownToText(heading[1]);
      body = body.slice(0, heading.index) + body.slice(heading.index + heading[0].length);
    }
  }
  return buildAll(file, [{ metadata, body: markdownToText(body) }]);
}
