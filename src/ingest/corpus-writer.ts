/**
 * Writes added articles into the corpus folder as Markdown with YAML front matter, the format the
 * loader reads and a person can open. File names are slugs of [a-z0-9-] only, so no title or URL
 * can name a path outside the folder; files appear whole (written aside, then linked into place)
 * and an existing file is never overwritten.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { isMap, parseDocument, stringify } from 'yaml';

export interface ArticleFrontMatter {
  title: string;
  source?: string;
  /** `YYYY-MM-DD`. */
  published?: string;
  url?: string;
  /** The page's own canonical URL, when it differs from `url` (where the page was fetched from). */
  canonical?: string;
  /** Other URLs the same article was found at. */
  also_at?: string[];
}

const MAX_SLUG = 80;

/** The Markdown file for an article: front matter, a blank line, the paragraphs. */
export function renderArticle(meta: ArticleFrontMatter, body: string): string {
  const fields: Record<string, unknown> = { title: meta.title };
  if (meta.source) fields.source = meta.source;
  if (meta.published) fields.published = meta.published;
  if (meta.url) fields.url = meta.url;
  if (meta.canonical) fields.canonical = meta.canonical;
  if (meta.also_at?.length) fields.also_at = meta.also_at;
  return `---\n${stringify(fields, { lineWidth: 0 })}---\n\n${body.trim()}\n`;
}

/** `2024-03-14-rocket-fire-on-the-depot`: ASCII letters and digits joined by hyphens, never empty. */
export function slugFor(title: string, published?: string): string {
  // A slug keeps 80 characters: the rest of a long title is not worth normalising.
  const words = title
    .slice(0, MAX_SLUG * 8)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  let slug = words.slice(0, MAX_SLUG).replace(/-+$/, '') || 'article';
  if (published && /^\d{4}-\d{2}-\d{2}$/.test(published)) slug = `${published}-${slug}`;
  return slug;
}

/** The absolute path of `name` in `dir`, refusing any name that is not a plain slug file there. */
export function pathInside(dir: string, name: string): string {
  if (!/^[a-z0-9][a-z0-9-]*\.md$/.test(name)) throw new Error(`refusing to write "${name}": not a slug file name`);
  const root = path.resolve(dir);
  const target = path.resolve(root, name);
  if (path.dirname(target) !== root) throw new Error(`refusing to write "${name}" outside ${root}`);
  return target;
}

/** Writes `content` to a new temporary file in `dir`; a failed write (a full disk) leaves none behind. */
async function writeAside(dir: string, content: string): Promise<string> {
  // A dot-file: the corpus loader skips it while it is being written.
  const tmp = path.join(dir, `.sitrep-${randomBytes(6).toString('hex')}.tmp`);
  try {
    await fs.writeFile(tmp, content, { flag: 'wx' });
  } catch (err) {
    // EEXIST: the name is another writer's file, not ours to remove.
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') await fs.rm(tmp, { force: true });
    throw err;
  }
  return tmp;
}

/** Writes a new file named after `slug` (`slug-2.md`, … when taken); returns its name in `dir`. */
export async function writeNewArticle(dir: string, slug: string, content: string): Promise<string> {
  await fs.mkdir(dir, { recursive: true });
  const tmp = await writeAside(dir, content);
  try {
    for (let n = 1; n < 1000; n++) {
      const name = `${slug}${n === 1 ? '' : `-${n}`}.md`;
      try {
        // link() fails when the name exists, so two writers can never take the same file.
        await fs.link(tmp, pathInside(dir, name));
        return name;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
    }
    throw new Error(`no free file name for ${slug}.md`);
  } finally {
    await fs.rm(tmp, { force: true });
  }
}

const FRONT_MATTER = /^---[ \t]*\n([\s\S]*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|$)/;

/**
 * Adds URLs to the `also_at` list of a Markdown file's front matter, keeping the rest of the file
 * as it is. Returns false when the file has no front matter to extend.
 */
export async function addAlsoAt(file: string, urls: string[]): Promise<boolean> {
  const text = await fs.readFile(file, 'utf8');
  const m = FRONT_MATTER.exec(text);
  if (!m) return false;
  const doc = parseDocument(m[1] ?? '');
  if (doc.errors.length > 0 || (doc.contents !== null && !isMap(doc.contents))) return false;
  const current: unknown = (doc.toJS() as Record<string, unknown> | null)?.also_at;
  const existing = Array.isArray(current) ? current.filter((u): u is string => typeof u === 'string') : [];
  const merged = [...new Set([...existing, ...urls])];
  if (merged.length === existing.length) return true;
  doc.set('also_at', merged);
  const updated = `---\n${doc.toString({ lineWidth: 0 })}---\n${text.slice(m[0].length)}`;
  const tmp = await writeAside(path.dirname(file), updated);
  try {
    await fs.rename(tmp, file);
  } catch (err) {
    await fs.rm(tmp, { force: true });
    throw err;
  }
  return true;
}
