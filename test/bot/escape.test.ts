/**
 * Text from articles, titles and questions reaches a reply inert: no link Discord would make
 * clickable, no mention, channel, role, command or timestamp pill, no live Markdown. The only links
 * are Sitrep's own source links.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { answerEmbed } from '../../src/bot/format/answer-embed.js';
import { defangLinks, escapeText, fitPlain } from '../../src/bot/format/limits.js';
import { sourceLine } from '../../src/bot/format/sources.js';
import { markdownProblems, linkProblems } from '../reliability/lib/payload-rules.js';
import { answer, quote, source } from './fixtures.js';

const DISCORD_SYNTAX: [string, string][] = [
  ['a plain link', 'see https://evil.example/x now'],
  ['an http link in capitals', 'HTTP://EVIL.EXAMPLE/'],
  ['a link in angle brackets', 'see <https://evil.example/x>'],
  ['a link after a name', 'Reuters (https://evil.example/r)'],
  ['a masked link', '[click](https://evil.example/x)'],
  ['a channel', '<#1100000000000000002>'],
  ['a role', '<@&1100000000000000123>'],
  ['a user', '<@1100000000000000456>'],
  ['a user by nickname', '<@!1100000000000000457>'],
  ['a command', '</ask:1100000000000000001>'],
  ['a timestamp', '<t:0:R>'],
  ['a custom emoji', '<:zap:1100000000000000999>'],
  ['@everyone', '@everyone look'],
  ['@here', 'hey @here'],
];

describe('escapeText neutralises every link and mention form', () => {
  it.each(DISCORD_SYNTAX)('%s', (_, text) => {
    const escaped = escapeText(text);
    expect(linkProblems(escaped, 'text', false)).toEqual([]);
    expect(markdownProblems(escaped, 'text', false)).toEqual([]);
  });

  it('shows a link defanged, not hidden: hxxps://, the rest as written', () => {
    expect(defangLinks('at https://evil.example/a?b=1 and http://x.example')).toBe('at hxxps://evil.example/a?b=1 and hxxp://x.example');
    expect(escapeText('Reuters (https://evil.example/r)')).toBe('Reuters (hxxps://evil.example/r)');
    expect(escapeText('<https://evil.example/x>')).toBe('\\<hxxps://evil.example/x>');
  });

  it('escapes mentions so that they read as typed', () => {
    expect(escapeText('@everyone <@&1> <#2> </ask:3> <t:0:R>')).toBe('\\@everyone \\<\\@&1> \\<#2> \\</ask:3> \\<t:0:R>');
  });

  it('keeps ordinary text as it was', () => {
    expect(escapeText('At least 78 attacks since October 17, officials said.')).toBe('At least 78 attacks since October 17, officials said.');
  });

  it('leaves no live link or mention in any text, whatever it holds', () => {
    const piece = fc.constantFrom('https://', 'http://', 'HTTPS://', '<', '>', '@', '#', '&', '!', '/', ':', 't:', 'everyone', 'here', '1', 'a', ' ', '\n', '[', ']', '(', ')', '\\', '*', '`', '\u0000', '\u202e');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const escaped = escapeText(pieces.join(''));
        expect(linkProblems(escaped, 'text', false)).toEqual([]);
        expect(markdownProblems(escaped, 'text', false)).toEqual([]);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('replies keep only their own source links', () => {
  const poison = DISCORD_SYNTAX.map(([, t]) => t).join(' ');

  it('in an answer: the quote, the question and the sources', () => {
    const e = answerEmbed(
      answer({
        question: `Who struck? ${poison}`,
        answer: quote(`The drone struck the depot ${poison}.`, 'the depot'),
        sources: [source(1, { title: `Depot ${poison}`, source: `Wire ${poison}` })],
      }),
    ).toJSON();
    for (const [text, where, botLinks] of [
      [e.title!, 'title', false],
      [e.description!, 'description', false],
      [e.fields![0]!.value, 'sources', true],
    ] as const) {
      expect(linkProblems(text, where, botLinks)).toEqual([]);
      expect(markdownProblems(text, where, botLinks)).toEqual([]);
    }
    expect(e.fields![0]!.value).toContain('](<https://example.org/articles/1>)');
  });

  it('in a source line and a plain field', () => {
    const line = sourceLine({ title: poison, source: poison, published: null, url: 'https://example.org/a' });
    expect(linkProblems(line, 'line', true)).toEqual([]);
    expect(line.startsWith('[')).toBe(true);
    expect(linkProblems(fitPlain(poison, 1024), 'plain', false)).toEqual([]);
  });
});

describe('the payload rule itself', () => {
  it('finds each live form', () => {
    for (const [, text] of DISCORD_SYNTAX) expect(linkProblems(text, 'x', false), text).not.toEqual([]);
  });

  it("allows the bot's own source links and its own timestamps only", () => {
    expect(linkProblems('**[1]** [Title](<https://example.org/a>) — AFP', 'x', true)).toEqual([]);
    expect(linkProblems('[Title](<https://example.org/a>)', 'x', false)).not.toEqual([]);
    expect(linkProblems('<t:1700000000:F> (<t:1700000000:R>)', 'x', false, { timestamps: true })).toEqual([]);
    expect(linkProblems('<t:1700000000:F> (<t:1700000000:R>)', 'x', false)).not.toEqual([]);
  });
});
