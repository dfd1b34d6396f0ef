/**
 * Safe fetching of pages and feeds: http(s) only, public addresses only (checked on every redirect
 * hop and at connection time), at most 5 redirects, a 10 s deadline per request, a 5 MB body cap,
 * HTML and XML only, a clear User-Agent, a few requests per host at a time, and retries with
 * backoff when a server fails (5xx) or is slow. Nothing fetched is ever executed.
 */
import type { Config } from '../config.js';
import { createAddressPolicy, PUBLIC_ONLY, type AddressAllowance } from './address-policy.js';
import { decodeBody } from './content-type.js';
import { CREDENTIALS_REFUSED, hasCredentials } from './credentials.js';
import { FetchError } from './errors.js';
import { HostLimiter } from './host-limit.js';
import { isRedirect, requestOnce, type HopResponse } from './request.js';
import { sitrepUserAgent } from './user-agent.js';

export interface FetcherOptions {
  /** Deadline of one request, connection to last byte. Default 10 000 ms. */
  timeoutMs?: number;
  /** Largest body read, after decompression. Default 5 MB. */
  maxBytes?: number;
  /** Redirects followed before giving up. Default 5. */
  maxRedirects?: number;
  /** Further tries after a 5xx, a timeout or a dropped connection. Default 2. */
  retries?: number;
  /** Wait before the first retry; doubled for each next one. Default 500 ms. */
  retryDelayMs?: number;
  /** Requests in flight to one host at a time. Default 2. */
  perHost?: number;
  /** Non-public addresses that may be fetched. Default: none. */
  allowPrivate?: AddressAllowance;
  /** Default `Sitrep/<version> (+<project url>)`. */
  userAgent?: string;
}

export const DEFAULT_FETCHER_OPTIONS = {
  timeoutMs: 10_000,
  maxBytes: 5 * 1024 * 1024,
  maxRedirects: 5,
  retries: 2,
  retryDelayMs: 500,
  perHost: 2,
} as const;

/** Validators from an earlier read of the same URL, so an unchanged feed costs a 304 and no body. */
export interface Conditional {
  etag?: string;
  lastModified?: string;
}

export interface Fetched {
  /** The URL the body came from, after redirects. */
  url: string;
  /** True for a 304: nothing changed since `Conditional`, and `text` is empty. */
  notModified: boolean;
  /** Lower-case media type, e.g. `text/html`. */
  mime: string;
  text: string;
  etag?: string;
  lastModified?: string;
}

export interface Fetcher {
  /** @throws FetchError with a code and a message that says why. */
  fetch(url: string, conditional?: Conditional): Promise<Fetched>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function createFetcher(options: FetcherOptions = {}): Fetcher {
  const o = { ...DEFAULT_FETCHER_OPTIONS, ...options };
  const policy = createAddressPolicy(options.allowPrivate ?? PUBLIC_ONLY);
  const limiter = new HostLimiter(o.perHost);
  const userAgent = options.userAgent ?? sitrepUserAgent();

  const hop = async (url: URL, conditional: Conditional): Promise<HopResponse> => {
    const headers: Record<string, string> = {
      'user-agent': userAgent,
      accept: 'text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9',
      'accept-encoding': 'gzip, deflate, br',
    };
    if (conditional.etag) headers['if-none-match'] = conditional.etag;
    if (conditional.lastModified) headers['if-modified-since'] = conditional.lastModified;
    for (let attempt = 0; ; attempt++) {
      try {
        return await limiter.run(url.host, () => requestOnce(url, { headers, timeoutMs: o.timeoutMs, maxBytes: o.maxBytes, policy }));
      } catch (err) {
        if (!(err instanceof FetchError) || !err.transient || attempt >= o.retries) throw err;
        // Exponential backoff with jitter, so retries from many items do not arrive together.
        await sleep(o.retryDelayMs * 2 ** attempt * (0.8 + Math.random() * 0.4));
      }
    }
  };

  return {
    async fetch(input, conditional = {}) {
      if (!URL.canParse(input)) throw new FetchError('BAD_URL', `not a valid URL: ${input}`);
      // Node would send them as a Basic Authorization header, to a host and its redirects alike.
      if (hasCredentials(input)) throw new FetchError('BAD_URL', CREDENTIALS_REFUSED);
      let url = new URL(input);
      url.hash = '';
      for (let redirects = 0; ; redirects++) {
        const res = await hop(url, conditional);
        if (isRedirect(res.status)) {
          const location = res.headers.location;
          if (!location || !URL.canParse(location, url)) throw new FetchError('BAD_REDIRECT', `${url.host} redirected without a usable Location`);
          if (redirects >= o.maxRedirects) throw new FetchError('TOO_MANY_REDIRECTS', `too many redirects (more than ${o.maxRedirects})`);
          const next = new URL(location, url);
          // Followed, it would be stored as where the article was found (see credentials.ts).
          if (next.username || next.password) throw new FetchError('BAD_REDIRECT', `${url.host} redirected to a link with a user name or password, which Sitrep refuses`);
          url = next;
          url.hash = '';
          continue;
        }
        const etag = res.headers.etag;
        const lastModified = res.headers['last-modified'];
        const out: Fetched = {
          url: url.href,
          notModified: res.status === 304,
          mime: res.type.mime,
          text: res.status === 304 ? '' : decodeBody(res.body, res.type),
        };
        if (etag) out.etag = etag;
        if (lastModified) out.lastModified = lastModified;
        return out;
      }
    },
  };
}

/** A fetcher with the configured deadline and address allowance. */
export function fetcherFromConfig(config: Pick<Config, 'FETCH_TIMEOUT_MS' | 'FETCH_ALLOW_PRIVATE'>, overrides: FetcherOptions = {}): Fetcher {
  return createFetcher({ timeoutMs: config.FETCH_TIMEOUT_MS, allowPrivate: config.FETCH_ALLOW_PRIVATE, ...overrides });
}
