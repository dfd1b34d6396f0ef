/**
 * One HTTP GET, no redirects followed: the address checked before connecting, a deadline over the
 * whole exchange, the content type checked before the body is read, and the size cap enforced while
 * the body streams in (after decompression, so a small gzip bomb cannot get past it).
 */
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import zlib from 'node:zlib';
import type { AddressPolicy } from './address-policy.js';
import { READABLE_TYPES, parseContentType, type ContentType } from './content-type.js';
import { FetchError, asFetchError } from './errors.js';
import { blockedMessage, guardedLookup } from './guarded-lookup.js';

export interface RequestOptions {
  headers: Record<string, string>;
  timeoutMs: number;
  maxBytes: number;
  policy: AddressPolicy;
}

export interface HopResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  type: ContentType;
  /** The body of a 2xx response; empty for redirects and 304. */
  body: Buffer;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export const formatMegabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(bytes % (1024 * 1024) === 0 ? 0 : 1)} MB`;

/** Throws BAD_SCHEME or BLOCKED_ADDRESS before any connection is attempted, when the URL alone tells. */
export function checkTarget(url: URL, policy: AddressPolicy): void {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FetchError('BAD_SCHEME', `only http and https links can be fetched, not ${url.protocol.replace(/:$/, '')}`);
  }
  // An IP literal is never looked up, so the connection-time check would not see it: check it here.
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) {
    const why = policy(host);
    if (why) throw new FetchError('BLOCKED_ADDRESS', blockedMessage(host, host, why));
  }
}

function decoder(encoding: string | undefined): zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress | null {
  switch ((encoding ?? '').trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return zlib.createGunzip();
    case 'deflate':
      return zlib.createInflate();
    case 'br':
      return zlib.createBrotliDecompress();
    default:
      return null;
  }
}

export function requestOnce(url: URL, options: RequestOptions): Promise<HopResponse> {
  checkTarget(url, options.policy);
  const client = url.protocol === 'https:' ? https : http;
  return new Promise<HopResponse>((resolve, reject) => {
    let settled = false;
    const finish = (err: unknown, value?: HopResponse) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (err) {
        req.destroy();
        reject(asFetchError(err, url.host));
      } else resolve(value!);
    };
    const req = client.request(url, {
      method: 'GET',
      headers: options.headers,
      lookup: guardedLookup(options.policy),
      // A fresh connection per request: a pooled socket would skip the address check of its new host name.
      agent: false,
    });
    const timer = setTimeout(
      () => finish(new FetchError('TIMEOUT', `timed out after ${options.timeoutMs / 1000} s`)),
      options.timeoutMs,
    );
    req.on('error', (err) => finish(err));
    req.on('response', (res) => {
      const status = res.statusCode ?? 0;
      const type = parseContentType(res.headers['content-type']);
      const done = (body = Buffer.alloc(0)) => finish(null, { status, headers: res.headers, type, body });
      res.on('error', (err) => finish(err));
      if (REDIRECTS.has(status) || status === 304) {
        res.resume();
        return done();
      }
      if (status < 200 || status >= 300) {
        res.resume();
        return finish(new FetchError('HTTP_STATUS', `the server answered ${status}${res.statusMessage ? ` ${res.statusMessage}` : ''}`, status));
      }
      if (!READABLE_TYPES.includes(type.mime)) {
        return finish(new FetchError('UNSUPPORTED_TYPE', `not an article: the link serves ${type.mime || 'no content type'}, and only HTML pages and RSS/Atom feeds are read`));
      }
      const tooLarge = () => new FetchError('TOO_LARGE', `too large: the response is over ${formatMegabytes(options.maxBytes)}`);
      const declared = Number(res.headers['content-length']);
      if (Number.isFinite(declared) && declared > options.maxBytes) return finish(tooLarge());

      const unzip = decoder(res.headers['content-encoding']);
      const stream = unzip ? res.pipe(unzip) : res;
      if (unzip) unzip.on('error', (err) => finish(new FetchError('NETWORK', `the response could not be decompressed (${err.message})`)));
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > options.maxBytes) {
          unzip?.destroy();
          return finish(tooLarge());
        }
        chunks.push(chunk);
      });
      stream.on('end', () => done(Buffer.concat(chunks)));
      res.on('close', () => {
        if (!res.complete) finish(new FetchError('NETWORK', 'the connection closed before the response was complete (ECONNRESET)'));
      });
    });
    req.end();
  });
}

export const isRedirect = (status: number) => REDIRECTS.has(status);
