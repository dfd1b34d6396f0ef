/**
 * An invented news site on 127.0.0.1 for the ingestion tests: article pages, feeds, redirects and
 * the failures a real site produces (404, a 500 then success, a slow answer, a 20 MB body, a PDF).
 * It records every request so tests can check headers and retries.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import * as pages from './pages.js';

export interface SiteRequest {
  path: string;
  headers: http.IncomingHttpHeaders;
}

export const RSS_ETAG = '"rss-v1"';
export const ATOM_LAST_MODIFIED = 'Sun, 20 Jul 2031 00:00:00 GMT';
export const HUGE_BYTES = 20 * 1024 * 1024;
/** Slow pages answer after this long: far past the short deadline the tests configure. */
export const SLOW_MS = 3000;

export class TestSite {
  readonly requests: SiteRequest[] = [];
  /** Bytes the 20 MB responses actually wrote before the client hung up. */
  hugeBytesSent = 0;
  private readonly timers = new Set<NodeJS.Timeout>();
  /** Responses a test added with `serve`, by path. */
  private readonly served = new Map<string, { body: string; type: string; etag?: string }>();
  /** Redirects a test added with `redirect`, by path. */
  private readonly redirects = new Map<string, string>();

  private constructor(
    private readonly server: http.Server,
    private readonly host: string,
  ) {
    server.on('request', (req, res) => this.handle(req, res));
  }

  /** A site on `host` (another loopback address makes another site). */
  static async start(host = '127.0.0.1'): Promise<TestSite> {
    const site = new TestSite(http.createServer(), host);
    await new Promise<void>((resolve) => site.server.listen(0, host, resolve));
    return site;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  get origin(): string {
    return `http://${this.host}:${this.port}`;
  }

  url(path: string): string {
    return `${this.origin}${path}`;
  }

  /** Redirects `path` to `location` from now on. */
  redirect(path: string, location: string): string {
    this.redirects.set(path, location);
    return this.url(path);
  }

  /** Answers `path` with `body` from now on (a 304 when the request names `etag`). */
  serve(path: string, body: string, type = 'text/html; charset=utf-8', etag?: string): string {
    this.served.set(path, { body, type, etag });
    return this.url(path);
  }

  hits(path: string): number {
    return this.requests.filter((r) => r.path === path).length;
  }

  async close(): Promise<void> {
    this.timers.forEach(clearTimeout);
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const path = new URL(req.url ?? '/', this.origin).pathname;
    this.requests.push({ path, headers: req.headers });
    const o = this.origin;
    const html = (body: string, status = 200) => {
      res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
      res.end(body);
    };
    const redirect = (location: string, status = 302) => {
      res.writeHead(status, { location });
      res.end();
    };

    const articles: Record<string, () => string> = {
      '/news/a': () => pages.depotPage(o),
      [pages.DEPOT.canonical]: () => pages.depotPage(o),
      '/news/b': () => pages.bridgePage(o),
      '/news/c': () => pages.convoyPage(),
      '/news/convoy': () => pages.convoyPage(),
      '/news/undated': () => pages.undatedPage(),
      '/wire/harbour': () => pages.wirePage(o, 'The Harbour Ledger', '/wire/harbour'),
      '/wire/dispatch': () => pages.wirePage(o, 'Northern Dispatch', '/wire/dispatch'),
      [pages.FEED_ONLY.path]: () => pages.dunmorePage(),
      [pages.ATOM_ONLY.path]: () => pages.grellPage(),
      '/world': () => pages.sectionPage(),
    };
    const location = this.redirects.get(path);
    if (location) return redirect(location);
    const served = this.served.get(path);
    if (served) {
      const status = served.etag && req.headers['if-none-match'] === served.etag ? 304 : 200;
      res.writeHead(status, { 'content-type': served.type, ...(served.etag ? { etag: served.etag } : {}) });
      return void res.end(status === 304 ? undefined : served.body);
    }
    const article = articles[path];
    if (article) return html(article());

    const hop = /^\/hop\/(\d+)$/.exec(path);
    if (hop) {
      const n = Number(hop[1]);
      return redirect(n > 0 ? `/hop/${n - 1}` : '/news/a', 301);
    }
    switch (true) {
      case path === '/feed.rss':
        if (req.headers['if-none-match'] === RSS_ETAG) {
          res.writeHead(304, { etag: RSS_ETAG });
          return void res.end();
        }
        res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag: RSS_ETAG });
        return void res.end(pages.rssFeed(o));
      case path === '/feed.atom':
        if (req.headers['if-modified-since'] === ATOM_LAST_MODIFIED) {
          res.writeHead(304, { 'last-modified': ATOM_LAST_MODIFIED });
          return void res.end();
        }
        res.writeHead(200, { 'content-type': 'application/atom+xml', 'last-modified': ATOM_LAST_MODIFIED });
        return void res.end(pages.atomFeed(o));
      case path === '/feed-slow.rss':
        res.writeHead(200, { 'content-type': 'text/xml', etag: '"slow-v1"' });
        return void res.end(pages.slowItemFeed(o));
      case path === '/go/a':
        return redirect('/news/a');
      case path === '/to-private':
        return redirect('http://10.0.0.1/secret');
      case path === '/to-mapped':
        return redirect(`http://[::ffff:a00:1]:${this.port}/secret`);
      case path === '/to-ftp':
        return redirect('ftp://127.0.0.1/file');
      case path === '/missing':
        return html('<h1>Not found</h1>', 404);
      case path === '/flaky':
        // The first request fails; the retry gets the page.
        return this.hits('/flaky') === 1 ? html('<h1>Server error</h1>', 500) : html(pages.convoyPage());
      case path === '/always-503':
        return html('<h1>Unavailable</h1>', 503);
      case path === '/slow': {
        const timer = setTimeout(() => html(pages.convoyPage()), SLOW_MS);
        this.timers.add(timer);
        res.on('close', () => clearTimeout(timer));
        return;
      }
      case path === '/huge':
        return this.huge(res, false);
      case path === '/huge-declared':
        return this.huge(res, true);
      case path === '/report.pdf':
        res.writeHead(200, { 'content-type': 'application/pdf' });
        return void res.end('%PDF-1.4\n% invented test document\n');
      case path === '/gzip': {
        res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
        return void res.end(zlib.gzipSync(pages.undatedPage()));
      }
      default:
        return html('<h1>Not found</h1>', 404);
    }
  }

  /** 20 MB of HTML, streamed with backpressure, stopping when the client hangs up. */
  private huge(res: http.ServerResponse, declare: boolean): void {
    res.writeHead(200, { 'content-type': 'text/html', ...(declare ? { 'content-length': String(HUGE_BYTES) } : {}) });
    const chunk = Buffer.alloc(64 * 1024, '<p>filler text for a very large page</p>\n');
    let closed = false;
    res.on('close', () => (closed = true));
    const pump = () => {
      while (!closed && this.hugeBytesSent < HUGE_BYTES) {
        this.hugeBytesSent += chunk.length;
        if (!res.write(chunk)) return void res.once('drain', pump);
      }
      if (!closed) res.end();
    };
    pump();
  }
}
