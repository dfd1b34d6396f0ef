/**
 * What the corpus already holds, for duplicate detection: every article by content hash (the
 * loader's article id, so "the same text" means what it means to the index) and by the key of
 * each URL it is known at (its `url`, its `also_at` list, and other URLs recorded in the state file).
 * Built from the corpus folder itself, so a file deleted by hand can be added again.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { loadCorpus, readCorpusFile, splitFrontMatter, type Article } from '../corpus/index.js';
import { urlKey } from './canonical-url.js';
import { sameSite } from './sites.js';

export interface CatalogEntry {
  /** Corpus-relative path, `/`-separated. */
  file: string;
  title: string;
  source?: string;
  published?: string;
  url?: string;
}

export interface Match {
  entry: CatalogEntry;
  /** How the duplicate was recognised. */
  by: 'url' | 'content';
}

export class CorpusCatalog {
  private readonly byId = new Map<string, CatalogEntry>();
  private readonly byUrl = new Map<string, CatalogEntry>();
  /** Corpus-relative paths of the files read into it, so that a later look finds only new ones. */
  readonly files = new Set<string>();

  /** Records an article and the URLs it is known at; the first copy of an id or URL wins. */
  add(entry: CatalogEntry, id: string | undefined, urls: Array<string | undefined>): void {
    if (id && !this.byId.has(id)) this.byId.set(id, entry);
    this.addUrls(entry, urls);
  }

  addUrls(entry: CatalogEntry, urls: Array<string | undefined>): void {
    for (const u of urls) {
      const key = u ? urlKey(u) : undefined;
      if (key && !this.byUrl.has(key)) this.byUrl.set(key, entry);
    }
  }

  findByUrl(urls: Array<string | undefined>): Match | undefined {
    for (const u of urls) {
      const key = u ? urlKey(u) : undefined;
      const entry = key ? this.byUrl.get(key) : undefined;
      if (entry) return { entry, by: 'url' };
    }
    return undefined;
  }

  findById(id: string): Match | undefined {
    const entry = this.byId.get(id);
    return entry ? { entry, by: 'content' } : undefined;
  }
}

/**
 * Other URLs a Markdown file's front matter gives its article: its `also_at` list, and its
 * `canonical` when that is on the same site as its `url` (another site's is only the page's claim).
 */
async function otherUrlsOf(abs: string): Promise<string[]> {
  try {
    const fm = splitFrontMatter(await fs.readFile(abs, 'utf8'));
    if (!fm.ok) return [];
    const { also_at: list, canonical, url } = fm.data;
    const urls = Array.isArray(list) ? list.filter((u): u is string => typeof u === 'string') : [];
    if (typeof canonical === 'string' && typeof url === 'string' && URL.canParse(canonical) && URL.canParse(url) && sameSite(canonical, url)) urls.push(canonical);
    return urls;
  } catch {
    return [];
  }
}

export async function loadCatalog(corpusDir: string, options: { maxFileBytes: number; alsoAt?: Record<string, string[]> }): Promise<CorpusCatalog> {
  const catalog = new CorpusCatalog();
  // The corpus folder may not exist yet: the first added article creates it.
  const exists = await fs.stat(corpusDir).then((s) => s.isDirectory(), () => false);
  if (!exists) return catalog;
  const corpus = await loadCorpus(corpusDir, { maxFileBytes: options.maxFileBytes });
  for (const f of corpus.files) await addFileArticles(catalog, corpusDir, f.file, f.articles, options.alsoAt);
  // A file skipped now is skipped again by a later look too: it need not be read twice.
  for (const s of corpus.skipped) catalog.files.add(s.file);
  return catalog;
}

/**
 * Reads into the catalog the files at the top of the corpus folder it does not know yet: the ones
 * another process added since it was loaded (writers add files there, and only there).
 */
export async function addNewFiles(catalog: CorpusCatalog, corpusDir: string, options: { maxFileBytes: number; alsoAt?: Record<string, string[]> }): Promise<number> {
  const names = await fs.readdir(corpusDir).catch(() => [] as string[]);
  let added = 0;
  for (const name of names) {
    if (name.startsWith('.') || catalog.files.has(name)) continue;
    catalog.files.add(name);
    const abs = path.join(corpusDir, name);
    const info = await fs.stat(abs).catch(() => null);
    if (!info?.isFile()) continue;
    // As the loader reads it: JSON Lines streamed, the size limit holding for each article, not the file.
    const { articles } = await readCorpusFile(abs, name, { maxFileBytes: options.maxFileBytes, size: info.size });
    await addFileArticles(catalog, corpusDir, name, articles, options.alsoAt);
    added++;
  }
  return added;
}

async function addFileArticles(catalog: CorpusCatalog, corpusDir: string, file: string, articles: Article[], alsoAt?: Record<string, string[]>): Promise<void> {
  catalog.files.add(file);
  const extra = /\.(md|markdown)$/i.test(file) ? await otherUrlsOf(path.join(corpusDir, file)) : [];
  for (const a of articles) {
    const entry: CatalogEntry = { file: a.line === undefined ? a.file : `${a.file}:${a.line}`, title: a.title };
    if (a.source) entry.source = a.source;
    if (a.published) entry.published = a.published;
    if (a.url) entry.url = a.url;
    catalog.add(entry, a.id, [a.url, ...extra, ...(alsoAt?.[entry.file] ?? [])]);
  }
}
