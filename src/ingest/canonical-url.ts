/**
 * The key two URLs of one article share: no fragment, no tracking parameters, no `www.`, no
 * trailing slash, and the scheme left out (the http and https pages of a site are one page).
 */

const TRACKING = /^(utm_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|ocid|cmpid|ref|ref_src|smid|CMP)$/i;

export function urlKey(input: string): string | undefined {
  if (!URL.canParse(input)) return undefined;
  const url = new URL(input);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  for (const name of [...url.searchParams.keys()]) if (TRACKING.test(name)) url.searchParams.delete(name);
  url.searchParams.sort();
  const host = url.host.replace(/^www\./, '');
  const pathname = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : '';
  return `${host}${pathname}${url.search}`;
}
