/**
 * markdownToText and the title heading, rewritten to run in linear time, against the regular
 * expressions they replaced (kept here as the reference, on inputs small enough for them).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { markdownToText, parseMarkdown } from '../../src/corpus/index.js';
import { atxHeadingText } from '../../src/corpus/markdown.js';

function referenceMarkdownToText(md: string): string {
  return md
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/^ {0,3}(?:```|~~~).*$/gm, '')
    .replace(/^ {0,3}\[[^\]\n]+\]:[ \t]+\S+.*$/gm, '')
    .replace(/^ {0,3}(?:[-*_][ \t]*){3,}$/gm, '')
    .replace(/^ {0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/gm, '$1')
    .replace(/^ {0,3}>[ \t]?/gm, '')
    .replace(/!\[[^\]\n]*\]\([^)\n]*\)/g, '')
    .replace(/\[([^\]\n]+)\]\([^)\n]*\)/g, '$1')
    .replace(/\[([^\]\n]+)\]\[[^\]\n]*\]/g, '$1')
    .replace(/(\*\*|__)(?=\S)([^\n]*?\S)\1/g, '$2')
    .replace(/(^|[^\w*])\*(?=\S)([^*\n]*?\S)\*(?!\w)/g, '$1$2')
    .replace(/(^|[^\w])_(?=\S)([^_\n]*?\S)_(?!\w)/g, '$1$2')
    .replace(/`([^`\n]+)`/g, '$1');
}

const REFERENCE_H1 = /^ {0,3}#[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$/m;

/** Markdown made of the characters every rule turns on, so the rules meet and overlap. */
const markdownish = fc.string({
  unit: fc.constantFrom('#', '#', ' ', ' ', '\t', '\n', '\r', '\u2028', '*', '*', '_', '_', '[', ']', '(', ')', '!', '`', '<!--', '-->', '-', '>', '~', 'a', 'b', ':', '```'),
  maxLength: 60,
});
const runs = { numRuns: 3000 };

describe('markdownToText in linear time', () => {
  it('gives what the regular expressions gave, on any mix of Markdown syntax', () => {
    fc.assert(fc.property(markdownish, (md) => {
      expect(markdownToText(md)).toBe(referenceMarkdownToText(md));
    }), runs);
  });

  it('finds the same title heading as the regular expression', () => {
    fc.assert(
      fc.property(markdownish, (line) => {
        const first = line.split(/[\n\r\u2028\u2029]/)[0]!;
        const reference = /^ {0,3}#[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$/.exec(first);
        expect(atxHeadingText(first, 1, true)).toBe(reference ? reference[1] : null);
      }),
      runs,
    );
  });

  it('takes the title from the first heading line and removes that line', () => {
    fc.assert(
      fc.property(markdownish, (body) => {
        const heading = REFERENCE_H1.exec(body);
        const parsed = parseMarkdown('a.md', `${body}\n\nSome text here.`);
        const expected = parseMarkdown(
          'a.md',
          heading ? `---\ntitle: ${JSON.stringify(referenceMarkdownToText(heading[1]!))}\n---\n${body.slice(0, heading.index) + body.slice(heading.index + heading[0].length)}\n\nSome text here.` : `${body}\n\nSome text here.`,
        );
        expect(parsed.articles.map((a) => [a.title, a.text])).toEqual(expected.articles.map((a) => [a.title, a.text]));
      }),
      { numRuns: 500 },
    );
  });

  it('keeps the text of links, images and emphasis as before on ordinary Markdown', () => {
    expect(markdownToText('## Strike on the **depot** ##\n\nSee [the report](https://x.example/a) ![map](m.png) and [ref][1].\n<!-- note -->_done_'))
      .toBe('Strike on the depot\n\nSee the report  and ref.\n' + 'done');
  });
});
