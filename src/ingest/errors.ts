/**
 * Why a link could not be fetched, as a code a program can branch on and a message a person can act
 * on. The messages are what `/add` and `npm run add` show, so they say what happened, not how.
 */

export type FetchErrorCode =
  | 'BAD_URL'
  | 'BAD_SCHEME'
  | 'BLOCKED_ADDRESS'
  | 'TOO_MANY_REDIRECTS'
  | 'BAD_REDIRECT'
  | 'TIMEOUT'
  | 'TOO_LARGE'
  | 'UNSUPPORTED_TYPE'
  | 'HTTP_STATUS'
  | 'NETWORK';

export class FetchError extends Error {
  override readonly name = 'FetchError';
  constructor(
    readonly code: FetchErrorCode,
    message: string,
    /** The HTTP status, for HTTP_STATUS. */
    readonly status?: number,
  ) {
    super(message);
  }

  /** Worth another try later: a timeout, a 5xx, a dropped connection or a DNS hiccup. */
  get transient(): boolean {
    if (this.code === 'TIMEOUT') return true;
    if (this.code === 'HTTP_STATUS') return (this.status ?? 0) >= 500;
    return this.code === 'NETWORK' && TRANSIENT_NETWORK.test(this.message);
  }
}

const TRANSIENT_NETWORK = /ECONNRESET|EPIPE|ETIMEDOUT|EAI_AGAIN|socket hang up/;

/** Network errors from Node (`ECONNREFUSED`, `ENOTFOUND`, …) as FetchErrors; FetchErrors pass through. */
export function asFetchError(err: unknown, host: string): FetchError {
  if (err instanceof FetchError) return err;
  // With several addresses to try, Node wraps the per-address errors in an AggregateError.
  const inner = err instanceof AggregateError ? err.errors.find((e) => e instanceof FetchError) : undefined;
  if (inner) return inner as FetchError;
  const e = err as NodeJS.ErrnoException;
  const code = e?.code ?? (err instanceof AggregateError ? (err.errors[0] as NodeJS.ErrnoException)?.code : undefined);
  if (code === 'ENOTFOUND' || code === 'EAI_NONAME') return new FetchError('NETWORK', `host not found: ${host} (${code})`);
  if (code === 'ECONNREFUSED') return new FetchError('NETWORK', `${host} refused the connection (ECONNREFUSED)`);
  if (code?.startsWith('ERR_TLS') || code?.includes('CERT')) return new FetchError('NETWORK', `TLS error talking to ${host} (${code})`);
  return new FetchError('NETWORK', `could not fetch from ${host} (${code ?? e?.message ?? String(err)})`);
}
