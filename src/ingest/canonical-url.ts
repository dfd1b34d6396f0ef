/**
 * The key two URLs of one article share: no fragment, no tracking parameters, no `www.`, no
 * trailing slash, and the scheme left out (the http and https pages of a site are one page).
 */

const TRACKING = /^(utm_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|ocid|cmpid|ref|ref_src|smid|CMP)$/i;

/** A loop rather than `/\/+$/`, which scans a long run of slashes again from each one. */
function withoutTrailingSlashes(path: string): string {
  let end = path.length;
  while (end > 0 && path[end - 1] === '/') end--;
  return path.slice(0, end);
}

/** Longer than any address a server accepts (8 KB is the usual limit): such a string is not a key. */
const MAX_URL_CHARS = 8192;

export function urlKey(input: string): string | undefined {
  if (input.length > MAX_URL_CHARS || !URL.canParse(input)) return undefined;
  const url = new URL(input);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  // Filtered in one pass: deleting names one by one re-scans every parameter for each.
  const kept = new URLSearchParams([...url.searchParams].filter(([name]) => !TRACKING.test(name)));
  kept.sort();
  url.search = kept.toString();
  const host = url.host.replace(/^www\./, '');
  const pathname = url.pathname.length > 1 ? withoutTrailingSlashes(url.pathname) : '';
  return `${host}${pathname}${url.search}`;
}
