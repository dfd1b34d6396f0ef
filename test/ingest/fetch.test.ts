import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createFetcher, FetchError, type FetcherOptions } from '../../src/ingest/index.js';
import { HUGE_BYTES, RSS_ETAG, TestSite } from './site.js';

let site: TestSite;
beforeAll(async () => {
  site = await TestSite.start();
});
afterAll(async () => {
  await site?.close();
});

/** Loopback allowed (the test site lives there), everything else private refused; quick retries. */
const LOOPBACK_ONLY = { any: false, ranges: ['127.0.0.1'] };
const fetcher = (o: FetcherOptions = {}) => createFetcher({ allowPrivate: LOOPBACK_ONLY, retryDelayMs: 10, timeoutMs: 2000, ...o });

async function failure(p: Promise<unknown>): Promise<FetchError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(FetchError);
  return err as FetchError;
}

describe('fetching a page', () => {
  it('reads an HTML page with a clear User-Agent', async () => {
    const page = await fetcher().fetch(site.url('/news/a'));
    expect(page.mime).toBe('text/html');
    expect(page.text).toContain('Seven rockets struck the Kessel fuel depot');
    const ua = site.requests.find((r) => r.path === '/news/a')!.headers['user-agent'];
    expect(ua).toMatch(/^Sitrep\/\d+\.\d+\.\d+/);
  });

  it('follows up to 5 redirects and reports the final URL', async () => {
    const page = await fetcher().fetch(site.url('/hop/4'));
    expect(page.url).toBe(site.url('/news/a'));
  });

  it('gives up on a sixth redirect', async () => {
    const err = await failure(fetcher().fetch(site.url('/hop/5')));
    expect(err.code).toBe('TOO_MANY_REDIRECTS');
  });

  it('decompresses a gzip body', async () => {
    const page = await fetcher().fetch(site.url('/gzip'));
    expect(page.text).toContain('Orlen market');
  });

  it('reports a 404 with its status and does not retry it', async () => {
    const before = site.hits('/missing');
    const err = await failure(fetcher().fetch(site.url('/missing')));
    expect(err).toMatchObject({ code: 'HTTP_STATUS', status: 404, transient: false });
    expect(err.message).toMatch(/answered 404/);
    expect(site.hits('/missing') - before).toBe(1);
  });

  it('retries a 500 and returns the page the retry gets', async () => {
    const page = await fetcher().fetch(site.url('/flaky'));
    expect(page.text).toContain('northern highway');
    expect(site.hits('/flaky')).toBe(2);
  });

  it('retries a server that keeps failing a bounded number of times, then says so', async () => {
    const err = await failure(fetcher({ retries: 2 }).fetch(site.url('/always-503')));
    expect(err).toMatchObject({ code: 'HTTP_STATUS', status: 503, transient: true });
    expect(site.hits('/always-503')).toBe(3);
  });

  it('times out a slow response at the configured deadline, after retrying once', async () => {
    const started = Date.now();
    const err = await failure(fetcher({ timeoutMs: 200, retries: 1 }).fetch(site.url('/slow')));
    expect(err.code).toBe('TIMEOUT');
    expect(err.message).toBe('timed out after 0.2 s');
    expect(site.hits('/slow')).toBe(2);
    expect(Date.now() - started).toBeLessThan(2500);
  });

  it('stops reading a 20 MB body at the 5 MB cap', async () => {
    site.hugeBytesSent = 0;
    const err = await failure(fetcher().fetch(site.url('/huge')));
    expect(err.code).toBe('TOO_LARGE');
    expect(err.message).toMatch(/over 5 MB/);
    // The connection was dropped long before the server had written its 20 MB.
    expect(site.hugeBytesSent).toBeLessThan(HUGE_BYTES / 2);
  });

  it('refuses a body declared larger than the cap without reading it', async () => {
    site.hugeBytesSent = 0;
    const err = await failure(fetcher().fetch(site.url('/huge-declared')));
    expect(err.code).toBe('TOO_LARGE');
  });

  it('refuses a PDF by its content type', async () => {
    const err = await failure(fetcher().fetch(site.url('/report.pdf')));
    expect(err.code).toBe('UNSUPPORTED_TYPE');
    expect(err.message).toMatch(/not an article: the link serves application\/pdf/);
  });

  it('refuses schemes other than http and https, on the first URL and on a redirect', async () => {
    expect((await failure(fetcher().fetch('file:///etc/passwd'))).code).toBe('BAD_SCHEME');
    expect((await failure(fetcher().fetch(site.url('/to-ftp')))).code).toBe('BAD_SCHEME');
  });
});

describe('fetching feeds', () => {
  it('sends the stored ETag and gets a 304 with no body', async () => {
    const first = await fetcher().fetch(site.url('/feed.rss'));
    expect(first.etag).toBe(RSS_ETAG);
    const again = await fetcher().fetch(site.url('/feed.rss'), { etag: first.etag });
    expect(again).toMatchObject({ notModified: true, text: '' });
    expect(site.requests.filter((r) => r.path === '/feed.rss').at(-1)!.headers['if-none-match']).toBe(RSS_ETAG);
  });

  it('sends the stored Last-Modified as If-Modified-Since', async () => {
    const first = await fetcher().fetch(site.url('/feed.atom'));
    expect(first.mime).toBe('application/atom+xml');
    const again = await fetcher().fetch(site.url('/feed.atom'), { lastModified: first.lastModified });
    expect(again.notModified).toBe(true);
  });
});

describe('refusing private addresses', () => {
  it('refuses a redirect to 10.0.0.1 before any connection to it is attempted', async () => {
    const spy = vi.spyOn(http, 'request');
    try {
      const err = await failure(fetcher().fetch(site.url('/to-private')));
      expect(err.code).toBe('BLOCKED_ADDRESS');
      expect(err.message).toMatch(/10\.0\.0\.1 is a private address/);
      const hosts = spy.mock.calls.map((c) => (c[0] as URL).hostname);
      expect(hosts).toEqual(['127.0.0.1']);
    } finally {
      spy.mockRestore();
    }
  });

  it('refuses a redirect to an IPv4-mapped IPv6 address of a private network', async () => {
    const err = await failure(fetcher().fetch(site.url('/to-mapped')));
    expect(err.code).toBe('BLOCKED_ADDRESS');
    expect(err.message).toMatch(/private address/);
  });

  it('refuses loopback itself when private addresses are not allowed', async () => {
    const err = await failure(fetcher({ allowPrivate: { any: false, ranges: [] } }).fetch(site.url('/news/a')));
    expect(err.code).toBe('BLOCKED_ADDRESS');
    expect(err.message).toMatch(/127\.0\.0\.1 is a loopback address/);
  });

  it('checks the address a host name resolves to when connecting (localhost → 127.0.0.1)', async () => {
    const before = site.hits('/news/b');
    const err = await failure(fetcher({ allowPrivate: { any: false, ranges: [] } }).fetch(`http://localhost:${site.port}/news/b`));
    expect(err.code).toBe('BLOCKED_ADDRESS');
    expect(err.message).toMatch(/localhost resolves to 127\.0\.0\.1, which is a loopback address/);
    expect(site.hits('/news/b')).toBe(before);
  });

  it('fetches from loopback when every address is allowed', async () => {
    const page = await fetcher({ allowPrivate: { any: true, ranges: [] } }).fetch(`http://localhost:${site.port}/news/b`);
    expect(page.text).toContain('Tolvan river bridge');
  });
});
