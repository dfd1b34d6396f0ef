/**
 * The rules every message the bot sends must keep, checked on the REST payloads themselves: nothing
 * may ping (allowed_mentions parse empty), everything fits Discord's limits, and text that came from
 * a user or an article can neither restyle the reply (balanced Markdown, no injected links, no
 * clickable URL, mention or pill other than the bot's own source links) nor scramble it (no control
 * characters, no unterminated bidirectional overrides).
 */

const LIMITS = { content: 2000, embeds: 10, title: 256, description: 4096, fields: 25, fieldName: 256, fieldValue: 1024, footer: 2048, total: 6000 };

/**
 * Text with every backslash-escaped character replaced by an inert one (U+2400): what is left is
 * live Markdown, each character still at its place in its line: an escaped backtick before `#`
 * starts no heading.
 */
const unescaped = (s: string) => s.replace(/\\[\s\S]/g, '\u2400');

/** Code spans and blocks, whose content Discord shows literally. */
const withoutCode = (s: string) => s.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');

/** Problems with the Markdown of one text: unbalanced markers, or a link that the bot did not make. */
export function markdownProblems(text: string, where: string, botLinks: boolean): string[] {
  const live = unescaped(text);
  const problems: string[] = [];
  const fences = (live.match(/```/g) ?? []).length;
  if (fences % 2 !== 0) problems.push(`${where}: unbalanced code block`);
  const plain = withoutCode(live);
  if ((plain.match(/`/g) ?? []).length % 2 !== 0) problems.push(`${where}: unbalanced inline code`);
  // A live masked link: `[text](target)`. The bot makes only `[title](<http…>)` links to sources.
  for (const m of plain.matchAll(/\[[^\]]*\]\(([^)]*)\)/g)) {
    if (!botLinks || !/^<https?:\/\/[^\s<>]+>$/.test(m[1]!)) problems.push(`${where}: a link the bot did not make: ${m[0].slice(-60)}`);
  }
  const prose = plain.replace(/\]\(<[^>]*>\)/g, ']');
  for (const marker of ['**', '__', '~~', '||']) {
    const count = prose.split(marker).length - 1;
    if (count % 2 !== 0) problems.push(`${where}: unbalanced ${marker}`);
  }
  if (/^#{1,3}\s/m.test(plain)) problems.push(`${where}: a heading`);
  return problems;
}

/** Discord's pills: channel, user (`<@1>`, `<@!1>`), role, slash command, timestamp and custom emoji. */
const PILL = /<(?:#\d+|@!?\d+|@&\d+|\/[^\s<>:]+:\d+|t:-?\d+(?::[a-zA-Z])?|a?:\w+:\d+)>/;
const EVERYONE = /@(?:everyone|here)/;
/** The bot's own link to a source, `[title](<https://…>)`: the one link a reply may hold. */
const BOT_LINK = /\]\(<https?:\/\/[^\s<>]+>\)/g;
/** The bot's own rendering of a time: `<t:…:F> (<t:…:R>)`, a whole field of its own. */
const BOT_TIME = /^<t:\d+:[a-zA-Z]>(?: \(<t:\d+:R>\))?$/;

/**
 * Live links and mentions in one text: any `http(s)://` Discord would make clickable other than the
 * bot's own source links (when `botLinks`), `@everyone`/`@here`, and every pill syntax. Escaped
 * characters are not live; `timestamps` allows a text that is only the bot's own time.
 */
export function linkProblems(text: string, where: string, botLinks: boolean, options: { timestamps?: boolean } = {}): string[] {
  if (options.timestamps && BOT_TIME.test(text)) return [];
  const live = withoutCode(unescaped(text));
  const prose = botLinks ? live.replace(BOT_LINK, ']') : live;
  const problems: string[] = [];
  const link = /https?:\/\/\S*/i.exec(prose);
  if (link) problems.push(`${where}: a clickable link the bot did not make: ${link[0].slice(0, 60)}`);
  const pill = PILL.exec(prose);
  if (pill) problems.push(`${where}: Discord syntax left live: ${pill[0]}`);
  const everyone = EVERYONE.exec(prose);
  if (everyone) problems.push(`${where}: ${everyone[0]} left live`);
  return problems;
}

/** C0 and C1 control characters other than the line feed. */
const CONTROL = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/;
const BIDI_OPEN = /[\u202A\u202B\u202D\u202E\u2066\u2067\u2068]/g;
const BIDI_CLOSE = /[\u202C\u2069]/g;

export function characterProblems(text: string, where: string): string[] {
  const problems: string[] = [];
  if (CONTROL.test(text)) problems.push(`${where}: a control character (U+${text.match(CONTROL)![0].codePointAt(0)!.toString(16).padStart(4, '0')})`);
  for (const line of text.split('\n')) {
    const opened = (line.match(BIDI_OPEN) ?? []).length;
    const closed = (line.match(BIDI_CLOSE) ?? []).length;
    if (opened > closed) {
      problems.push(`${where}: a right-to-left or left-to-right override left open, reversing what follows it`);
      break;
    }
  }
  return problems;
}

interface Embed {
  title?: string;
  description?: string;
  fields?: { name: string; value: string }[];
  footer?: { text: string };
  author?: { name: string };
}

/** Every problem with one message payload (a callback's `data`, a webhook edit, a channel message). */
export function payloadProblems(body: any, where: string): string[] {
  if (!body || typeof body !== 'object') return [];
  const problems: string[] = [];
  const hasMessage = typeof body.content === 'string' || Array.isArray(body.embeds);
  if (!hasMessage) return [];
  const parse = body.allowed_mentions?.parse;
  if (!Array.isArray(parse) || parse.length > 0) problems.push(`${where}: allowed_mentions.parse is ${JSON.stringify(parse)}, not []`);
  if (body.allowed_mentions?.users?.length || body.allowed_mentions?.roles?.length) problems.push(`${where}: allowed_mentions names users or roles`);
  if (typeof body.content === 'string') {
    if (body.content.length > LIMITS.content) problems.push(`${where}: content of ${body.content.length} characters`);
    problems.push(...linkProblems(body.content, `${where} content`, false), ...characterProblems(body.content, `${where} content`));
  }
  const embeds: Embed[] = body.embeds ?? [];
  if (embeds.length > LIMITS.embeds) problems.push(`${where}: ${embeds.length} embeds`);
  embeds.forEach((e, i) => {
    const at = `${where} embed ${i}`;
    const fields = e.fields ?? [];
    const total = (e.title ?? '').length + (e.description ?? '').length + (e.footer?.text ?? '').length + (e.author?.name ?? '').length + fields.reduce((n, f) => n + f.name.length + f.value.length, 0);
    if ((e.title ?? '').length > LIMITS.title) problems.push(`${at}: title of ${e.title!.length}`);
    if ((e.description ?? '').length > LIMITS.description) problems.push(`${at}: description of ${e.description!.length}`);
    if (fields.length > LIMITS.fields) problems.push(`${at}: ${fields.length} fields`);
    if ((e.footer?.text ?? '').length > LIMITS.footer) problems.push(`${at}: footer of ${e.footer!.text.length}`);
    if (total > LIMITS.total) problems.push(`${at}: ${total} characters in all`);
    const texts: [string, string, boolean][] = [
      [e.title ?? '', 'title', false],
      [e.description ?? '', 'description', true],
      [e.footer?.text ?? '', 'footer', false],
      ...fields.flatMap((f, k): [string, string, boolean][] => [
        [f.name, `field ${k} name`, false],
        [f.value, `field ${k} value`, true],
      ]),
    ];
    for (const [text, part, botLinks] of texts) {
      if (part.endsWith(' name') && text.length > LIMITS.fieldName) problems.push(`${at} ${part}: ${text.length} characters`);
      if (part.endsWith('value') && text.length > LIMITS.fieldValue) problems.push(`${at} ${part}: ${text.length} characters`);
      problems.push(
        ...markdownProblems(text, `${at} ${part}`, botLinks),
        ...linkProblems(text, `${at} ${part}`, botLinks, { timestamps: part.endsWith('value') }),
        ...characterProblems(text, `${at} ${part}`),
      );
    }
  });
  return problems;
}
