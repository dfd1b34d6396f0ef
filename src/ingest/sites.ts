/**
 * Which site a URL belongs to, by its registrable domain on the Public Suffix List (tldts):
 * `news.example.co.uk` and `www.example.co.uk` are one site, `a.github.io` and `b.github.io` two.
 * A page's claims about itself (its canonical URL, its site name) are trusted only for its own site.
 */
import { getDomain } from 'tldts';

/** `example.co.uk` for `https://news.example.co.uk/x`; the host itself for an IP address or `localhost`. */
export function registrableDomain(url: string): string {
  const host = new URL(url).hostname;
  return getDomain(host, { allowPrivateDomains: true }) ?? host;
}

/** Whether two URLs are on the same site. */
export const sameSite = (a: string, b: string) => registrableDomain(a) === registrableDomain(b);

/** The host without `www.`: the name of a site that does not give one. */
export const hostName = (url: string) => new URL(url).hostname.replace(/^www\./, '');
