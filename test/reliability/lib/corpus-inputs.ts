/**
 * Hostile corpus files as fast-check arbitraries: random bytes, invalid UTF-8, NUL bytes, huge
 * single lines, deep or broken front matter, JSONL with bad lines, HTML made of scripts, and file
 * names with spaces, unicode and leading dashes. Each input says what a correct loader must do with it.
 */
import fc from 'fast-check';

export type InputKind =
  | 'random bytes'
  | 'invalid UTF-8'
  | 'NUL bytes'
  | 'deep front matter'
  | 'broken front matter'
  | 'JSONL with bad lines'
  | 'HTML: scripts, no body'
  | 'odd file names'
  | '10 MB single line';

/** The kinds drawn at random; the 10 MB lines are a fixed set (`hugeSingleLines`). */
export type FuzzKind = Exclude<InputKind, '10 MB single line'>;

export const FUZZ_KINDS: FuzzKind[] = [
  'random bytes',
  'invalid UTF-8',
  'NUL bytes',
  'deep front matter',
  'broken front matter',
  'JSONL with bad lines',
  'HTML: scripts, no body',
  'odd file names',
];

export interface CorpusInput {
  kind: InputKind;
  /** Corpus-relative file name. */
  name: string;
  bytes: Uint8Array;
  /** `skip`: must be skipped with a reason matching `reason`; `load`: must load; `either`: loads or is skipped. */
  expect: 'skip' | 'load' | 'either';
  reason?: RegExp;
  /** Text that must never reach an article (script bodies, style sheets). */
  forbidden?: string;
  /** For JSONL: how many lines must load and how many must be skipped with their line number. */
  lines?: { good: number; bad: number };
}

const enc = new TextEncoder();
const WORDS = [
  'drone', 'attack', 'base', 'forces', 'claimed', 'officials', 'said', 'rocket', 'strike', 'province',
  'Tuesday', 'least', 'three', 'wounded', 'group', 'army', 'the', 'a', 'near', 'after', 'statement', 'border',
];
const sentence = fc
  .array(fc.constantFrom(...WORDS), { minLength: 4, maxLength: 16 })
  .map((w) => `${w.join(' ').replace(/^./, (c) => c.toUpperCase())}.`);
const body = fc.array(sentence, { minLength: 2, maxLength: 8 }).map((s) => s.join(' '));
const title = fc.array(fc.constantFrom(...WORDS), { minLength: 2, maxLength: 8 }).map((w) => w.join(' '));
const EXTS = ['.md', '.markdown', '.txt', '.html', '.htm', '.jsonl'] as const;
type Ext = (typeof EXTS)[number];
const ext = fc.constantFrom(...EXTS);
/** Plain ASCII base names, unique enough for one corpus (the caller dedupes anyway). */
const baseName = fc.stringMatching(/^[a-z][a-z0-9_]{2,12}$/);

/** A well-formed article in the file format of `e`. */
export function validArticle(e: Ext, t: string, b: string): string {
  switch (e) {
    case '.md':
    case '.markdown':
      return `---\ntitle: ${JSON.stringify(t)}\nsource: Wire\npublished: 2024-01-15\n---\n\n${b}\n`;
    case '.txt':
      return `${t}\n\n${b}\n`;
    case '.html':
    case '.htm':
      return `<!doctype html><html><head><title>${t}</title></head><body><article><h1>${t}</h1><p>${b}</p></article></body></html>`;
    case '.jsonl':
      return `${JSON.stringify({ id: 1, title: t, source: 'Wire', published: '2024-01-15', text: b })}\n`;
  }
}

const randomBytes = fc.record({ n: baseName, e: ext, bytes: fc.uint8Array({ maxLength: 4096 }) }).map(
  ({ n, e, bytes }): CorpusInput => ({ kind: 'random bytes', name: n + e, bytes, expect: 'either' }),
);

/** Byte sequences no UTF-8 decoder may accept in ASCII context. */
const INVALID_SEQUENCES = [
  [0xc3, 0x28], [0xa0, 0xa1], [0xe2, 0x28, 0xa1], [0xf0, 0x28, 0x8c, 0xbc], [0xff], [0xfe, 0x41],
  [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xe9], [0xe2, 0x82],
];

function splice(bytes: Uint8Array, inserts: { at: number; seq: number[] }[]): Uint8Array {
  const out: number[] = Array.from(bytes);
  for (const { at, seq } of [...inserts].sort((a, b) => b.at - a.at)) out.splice(Math.min(at, out.length), 0, ...seq);
  return Uint8Array.from(out);
}

const invalidUtf8 = fc
  .record({
    n: baseName,
    e: ext,
    t: title,
    b: body,
    inserts: fc.array(fc.record({ at: fc.nat(), seq: fc.constantFrom(...INVALID_SEQUENCES) }), { minLength: 1, maxLength: 3 }),
  })
  .map(({ n, e, t, b, inserts }): CorpusInput => {
    const base = enc.encode(validArticle(e, t, b));
    const bytes = splice(base, inserts.map((i) => ({ at: i.at % (base.length + 1), seq: i.seq })));
    // A JSONL file is decoded line by line: a sequence after the article's line costs that line alone.
    return { kind: 'invalid UTF-8', name: n + e, bytes, expect: e === '.jsonl' ? 'either' : 'skip', reason: /UTF-8/ };
  });

const nulBytes = fc
  .record({
    n: baseName,
    e: ext,
    t: title,
    b: body,
    // Some files carry the NUL past the first 8 KB, where a quick sniff of the head would miss it.
    padding: fc.constantFrom(0, 0, 9000, 20000),
    at: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
  })
  .map(({ n, e, t, b, padding, at }): CorpusInput => {
    const filler = padding ? ` ${'The convoy moved on. '.repeat(Math.ceil(padding / 21))}` : '';
    const base = enc.encode(validArticle(e, t, b + filler));
    const bytes = splice(base, at.map((a) => ({ at: a % (base.length + 1), seq: [0] })));
    return { kind: 'NUL bytes', name: n + e, bytes, expect: 'either' };
  });

/** Front matter nested thousands of levels deep, in block or flow style, or an alias bomb. */
const deepFrontMatter = fc
  .record({
    n: baseName,
    e: fc.constantFrom('.md', '.txt', '.markdown'),
    depth: fc.integer({ min: 50, max: 5000 }),
    style: fc.constantFrom('block', 'flow-seq', 'flow-map', 'aliases'),
    b: body,
  })
  .map(({ n, e, depth, style, b }): CorpusInput => {
    let fm: string;
    if (style === 'block') fm = Array.from({ length: depth }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') + ' deep';
    else if (style === 'flow-seq') fm = `title: Deep\nnested: ${'['.repeat(depth)}1${']'.repeat(depth)}`;
    else if (style === 'flow-map') fm = `title: Deep\nnested: ${'{a: '.repeat(depth)}1${'}'.repeat(depth)}`;
    else {
      // Each level refers to the previous one ten times: expansion would be exponential.
      const levels = Math.min(40, Math.ceil(depth / 100));
      const lines = ['a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
      for (let i = 1; i <= levels; i++) lines.push(`a${i}: &a${i} [${Array.from({ length: 10 }, () => `*a${i - 1}`).join(', ')}]`);
      fm = `title: Bomb\n${lines.join('\n')}`;
    }
    return { kind: 'deep front matter', name: n + e, bytes: enc.encode(`---\n${fm}\n---\n\n${b}\n`), expect: 'either' };
  });

const BROKEN_FRONT_MATTER_LINES = [
  'title: [unclosed', 'title: {a: 1', ': :', '- just a list item', 'title: "unterminated', "title: 'also", '\ttitle: tabbed',
  'title: 12345', 'title: null', 'title: {nested: object}', 'title: [a, b]', 'published: 2023-13-45', 'published: yesterday',
  'published: 1/2/2023', 'published: 99999-01-01', 'url: javascript:alert(1)', 'url: not a url', 'source: [1, 2]',
  'title: !!binary aGVsbG8=', 'title: !!js/function "function(){}"', 'title: !custom tag', '? complex key', '&anchor title: x',
  'title: *undefined_alias', 'title: x\ntitle: y', '%YAML 9.9', '---', '...', '__proto__: {polluted: true}',
  `title: ${'x'.repeat(5000)}`, 'title: |\n  multi\n  line', 'title: >-\n', '"', 'key with no value',
];

const brokenFrontMatter = fc
  .record({
    n: baseName,
    e: fc.constantFrom('.md', '.txt', '.markdown'),
    lines: fc.array(fc.constantFrom(...BROKEN_FRONT_MATTER_LINES), { minLength: 1, maxLength: 5 }),
    closed: fc.boolean(),
    b: body,
  })
  .map(({ n, e, lines, closed, b }): CorpusInput => ({
    kind: 'broken front matter',
    name: n + e,
    bytes: enc.encode(`---\n${lines.join('\n')}\n${closed ? '---\n' : ''}\n${b}\n`),
    expect: 'either',
  }));

/** Lines no JSONL reader may take as an article. */
const BAD_JSONL_LINES = [
  '{', '}', '{"title": "x", "text": ', 'not json at all', '[1, 2, 3]', '42', '"a string"', 'null', 'true',
  '{"title": "No text"}', '{"text": 42, "title": "T"}', '{"text": null}', '{"text": ["a"]}', '{"id": {"x": 1}, "text": "t", "title": "T"}',
  '{"title": "T", "text": "Body.", "published": "not a date"}', '{"title": ["T"], "text": "Body."}',
  '{"__proto__": {"polluted": true}, "text": 1}', '{"constructor": {"prototype": {"polluted": true}}}',
  `${'['.repeat(20000)}${']'.repeat(20000)}`, '\u0001\u0002 control characters',
  '{"title":"T","text":"Body."}garbage', '{"title": "T", "text": "   "}',
];

const jsonlWithBadLines = fc
  .record({
    n: baseName,
    good: fc.array(fc.record({ t: title, b: body }), { maxLength: 6 }),
    bad: fc.array(fc.constantFrom(...BAD_JSONL_LINES), { minLength: 1, maxLength: 8 }),
    order: fc.array(fc.nat(), { maxLength: 20 }),
  })
  .map(({ n, good, bad, order }): CorpusInput => {
    // Distinct texts: a repeated text would be a duplicate, which is reported differently.
    const unique = [...new Map(good.map((g) => [g.b, g])).values()];
    const lines = [
      ...unique.map((g, i) => JSON.stringify({ id: i, title: g.t, source: 'Wire', published: '2024-02-01', text: g.b })),
      ...bad,
    ];
    // A deterministic shuffle driven by the generated order.
    order.forEach((o, i) => {
      const a = i % lines.length;
      const b = o % lines.length;
      [lines[a], lines[b]] = [lines[b]!, lines[a]!];
    });
    return {
      kind: 'JSONL with bad lines',
      name: `${n}.jsonl`,
      bytes: enc.encode(`${lines.join('\n')}\n`),
      expect: 'either',
      lines: { good: unique.length, bad: bad.length },
    };
  });

export const SCRIPT_MARKER = 'zzscriptmarkerzz';
const HTML_SHAPES = [
  (t: string) => `<script>var ${SCRIPT_MARKER} = "${t}"; document.write("<p>${t}</p>");</script>`,
  (t: string) => `<html><head><title>${t}</title><script>${SCRIPT_MARKER}()</script></head></html>`,
  () => `<html><head><style>.${SCRIPT_MARKER} { color: red }</style></head><body></body></html>`,
  (t: string) => `<html><body><script type="application/ld+json">{"headline": "${t}", "x": "${SCRIPT_MARKER}"}</script></body></html>`,
  () => `<html><body><noscript>${SCRIPT_MARKER}</noscript><iframe src="javascript:${SCRIPT_MARKER}"></iframe></body></html>`,
  (t: string) => `<!-- ${SCRIPT_MARKER} --><html><head><title>${t}</title></head>`,
  (t: string) => `<template><p>${SCRIPT_MARKER} ${t}</p></template>`,
  (t: string) => `<html><body>${'<div>'.repeat(3000)}${t}</body></html>`,
  (t: string) => `<html><head><title>${t}</title></head><body>${'<div>'.repeat(600)}<p>${t}. The army said so.</p></body></html>`,
  (t: string) => `<html><body onload="${SCRIPT_MARKER}()"><p>${t}.</p><script>${SCRIPT_MARKER}</script></body></html>`,
  (t: string) => `<svg><script>${SCRIPT_MARKER}</script><text>${t}</text></svg>`,
  (t: string) => `<html><body><p>unclosed <b>bold <i>italic <a href="x">${t}`,
  () => `<scr<script>ipt>${SCRIPT_MARKER}</script>`,
];

const htmlScripts = fc
  .record({ n: baseName, e: fc.constantFrom('.html', '.htm'), shape: fc.nat({ max: HTML_SHAPES.length - 1 }), t: title })
  .map(({ n, e, shape, t }): CorpusInput => ({
    kind: 'HTML: scripts, no body',
    name: n + e,
    bytes: enc.encode(HTML_SHAPES[shape]!(t)),
    expect: 'either',
    forbidden: SCRIPT_MARKER,
  }));

const NAME_PIECES = [
  ' ', '  ', 'with space', '-', '--', '-rf', '--help', 'é', 'e\u0301', '日本語', 'русский', 'عربى', '\u202egnp', '🔥', '👩‍👩‍👧',
  '\u200b', 'a..b', '$(whoami)', '`id`', "'", '"', ';', '&', '|', '*', '?', '[x]', '{a,b}', '~', '#', '%20', '\\', '\n', '\t',
];

const oddNames = fc
  .record({
    lead: fc.constantFrom('-', '--', ' ', '-rf ', '', '🔥', '\u202e', '~'),
    pieces: fc.array(fc.constantFrom(...NAME_PIECES), { minLength: 1, maxLength: 4 }),
    e: ext,
    t: title,
    b: body,
  })
  .map(({ lead, pieces, e, t, b }): CorpusInput => {
    let name = (lead + pieces.join('')).replace(/\//g, '_');
    // Linux file names are at most 255 bytes; leave room for the extension.
    while (enc.encode(name + e).length > 250) name = name.slice(0, -1);
    return { kind: 'odd file names', name: name + e, bytes: enc.encode(validArticle(e, t, b)), expect: 'load' };
  });

export const INPUTS: Record<FuzzKind, fc.Arbitrary<CorpusInput>> = {
  'random bytes': randomBytes,
  'invalid UTF-8': invalidUtf8,
  'NUL bytes': nulBytes,
  'deep front matter': deepFrontMatter,
  'broken front matter': brokenFrontMatter,
  'JSONL with bad lines': jsonlWithBadLines,
  'HTML: scripts, no body': htmlScripts,
  'odd file names': oddNames,
};

export const anyInput: fc.Arbitrary<CorpusInput> = fc.oneof(...FUZZ_KINDS.map((k) => INPUTS[k]));

/** A 10 MB file that is one single line, in each format. */
export function hugeSingleLines(bytes = 10 * 1024 * 1024): CorpusInput[] {
  const line = (unit: string) => unit.repeat(Math.ceil(bytes / unit.length)).slice(0, bytes);
  const words = line('drone attack on the base ');
  return [
    { kind: '10 MB single line', name: 'huge-line.txt', bytes: enc.encode(words), expect: 'either' },
    { kind: '10 MB single line', name: 'huge-line.md', bytes: enc.encode(`# Huge ${words}`), expect: 'either' },
    { kind: '10 MB single line', name: 'huge-line.html', bytes: enc.encode(`<p>${words}`), expect: 'either' },
    { kind: '10 MB single line', name: 'huge-line.jsonl', bytes: enc.encode(JSON.stringify({ title: 'Huge', text: words })), expect: 'either' },
    { kind: '10 MB single line', name: 'huge-dots.txt', bytes: enc.encode(`Dots\n${line('.')}`), expect: 'either' },
  ];
}
