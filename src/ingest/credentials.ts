/**
 * Links that carry a user name or password (`https://user:pass@host/…`) are refused: whatever
 * Sitrep takes in, it stores in front matter, shows in citations and writes to its logs, and a
 * password must go to none of them. Refused rather than stripped, so that nobody believes the page
 * was fetched as the person who gave the link.
 */

export const CREDENTIALS_REFUSED = 'refused: the link carries a user name or password, which Sitrep would store, show and log; give the link without them';

/** Whether `input` is a URL that names a user or a password. */
export function hasCredentials(input: string): boolean {
  if (!URL.canParse(input)) return false;
  const url = new URL(input);
  return url.username !== '' || url.password !== '';
}

/** `input` with any user name and password taken out, to say which link was refused. */
export function withoutCredentials(input: string): string {
  if (!hasCredentials(input)) return input;
  const url = new URL(input);
  url.username = '';
  url.password = '';
  return url.href;
}
