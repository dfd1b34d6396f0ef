/** The media types Sitrep reads, and turning a response body into text in its declared charset. */

export const HTML_TYPES = ['text/html', 'application/xhtml+xml'] as const;
export const FEED_TYPES = ['application/rss+xml', 'application/atom+xml', 'application/rdf+xml', 'application/xml', 'text/xml'] as const;
/** Everything the fetcher accepts; PDFs, images, JSON and the rest are refused before their body is read. */
export const READABLE_TYPES: readonly string[] = [...HTML_TYPES, ...FEED_TYPES];

export interface ContentType {
  /** Lower-case `type/subtype`, or '' when the header is missing. */
  mime: string;
  charset?: string;
}

export function parseContentType(header: string | undefined): ContentType {
  if (!header) return { mime: '' };
  const [mime, ...params] = header.split(';');
  const out: ContentType = { mime: mime!.trim().toLowerCase() };
  for (const p of params) {
    const m = /^\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(p);
    if (m) out.charset = m[1]!.toLowerCase();
  }
  return out;
}

export const isHtml = (mime: string) => (HTML_TYPES as readonly string[]).includes(mime);
export const isXml = (mime: string) => (FEED_TYPES as readonly string[]).includes(mime);

/** The charset a document declares in its first bytes (`<meta charset>`, `http-equiv`, or the XML declaration). */
function declaredCharset(head: string): string | undefined {
  return (
    /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head)?.[1] ??
    /<\?xml[^>]+encoding\s*=\s*["']([\w-]+)["']/i.exec(head)?.[1]
  )?.toLowerCase();
}

/** Decodes a body: the header's charset, else the one the document declares, else UTF-8. */
export function decodeBody(body: Buffer, type: ContentType): string {
  const label = type.charset ?? declaredCharset(body.subarray(0, 2048).toString('latin1')) ?? 'utf-8';
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label);
  } catch {
    decoder = new TextDecoder('utf-8');
  }
  return decoder.decode(body);
}
