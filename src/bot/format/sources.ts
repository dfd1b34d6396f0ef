/** One line per source or article: the title linked to its url when it has one, then source and date. */
import { hideLinkEmbed, hyperlink } from 'discord.js';
import { formatDate } from '../../answer/format.js';
import { ELLIPSIS, escapeText, fitPlain, fitText } from './limits.js';

export interface SourceLike {
  title: string;
  source: string | null;
  published: string | null;
  url: string | null;
}

/** Longer addresses are not linked: the title alone is more useful than a wall of characters. */
const MAX_URL = 512;
const MAX_SOURCE_NAME = 80;

/** Only web links are linked: anything else could be a `javascript:` or a malformed address. */
export function safeUrl(url: string | null): string | null {
  // Far longer than any address linked (MAX_URL): not worth parsing.
  if (!url || url.length > 4 * MAX_URL) return null;
  try {
    const u = new URL(url);
    // A user name or password is never shown, so such an address is not linked.
    if (u.username || u.password) return null;
    // Parentheses would end the Markdown link early.
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href.replace(/\(/g, '%28').replace(/\)/g, '%29') : null;
  } catch {
    return null;
  }
}

/** The title, escaped (brackets included, which would end a masked link's text early), cut to `max`. */
function titleText(title: string, max: number): string | null {
  return fitText(title, max, (p, cut) => escapeText(p) + (cut ? ELLIPSIS : ''));
}

/**
 * `[Title](<url>) — AFP, 6 Dec 2023` in at most `max` characters: the title is linked when the
 * source has a usable url, and is cut at a word boundary when the line would be too long.
 */
export function sourceLine(s: SourceLike, max = 400): string {
  const meta = [s.source ? fitPlain(s.source, MAX_SOURCE_NAME) : null, formatDate(s.published)].filter(Boolean).join(', ');
  const tail = meta ? ` — ${meta}` : '';
  const url = safeUrl(s.url);
  if (url && url.length <= MAX_URL) {
    // The url is wrapped in <> inside the link so Discord does not unfurl a preview for each source.
    const target = hideLinkEmbed(url);
    const title = titleText(s.title, max - tail.length - target.length - 4);
    if (title) return hyperlink(title, target) + tail;
  }
  const title = titleText(s.title, max - tail.length - 4);
  return title ? `**${title}**${tail}` : fitPlain(s.title, max);
}
