import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ABSTAIN_TEXT, answerEmbed } from '../../src/bot/format/answer-embed.js';
import { LIMITS } from '../../src/bot/format/limits.js';
import { answer, boldMarkers, embedSizes, quote, SEED_SENTENCE, source } from './fixtures.js';

const json = (a: Parameters<typeof answerEmbed>[0]) => answerEmbed(a).toJSON();

function withinLimits(e: ReturnType<typeof json>): void {
  const s = embedSizes(e as never);
  expect(s.title).toBeLessThanOrEqual(LIMITS.title);
  expect(s.description).toBeLessThanOrEqual(LIMITS.description);
  expect(s.fields).toBeLessThanOrEqual(LIMITS.fields);
  expect(s.longestFieldValue).toBeLessThanOrEqual(LIMITS.fieldValue);
  expect(s.longestFieldName).toBeLessThanOrEqual(LIMITS.fieldName);
  expect(s.total).toBeLessThanOrEqual(LIMITS.embedTotal);
}

describe('answer embed', () => {
  it('quotes the sentence with the answer span in bold and its citation number', () => {
    const e = json(answer());
    expect(e.description).toBe(
      '> In total, Washington has counted **at least 78 attacks** since October 17 against its forces in Iraq and Syria, 10 days after the start of the war between Israel and Hamas. [1]',
    );
    expect(e.title).toBe('How many attacks since Oct 17?');
  });

  it('lists each source with its title linked to its url, its source and date', () => {
    const e = json(answer());
    expect(e.fields).toEqual([
      {
        name: 'Sources',
        value:
          '**[1]** [Western Troops in Iraq Targeted in Drone Attack Claimed by Pro-Iran Group](<https://example.org/articles/1>) — AFP, 6 Dec 2023',
      },
    ]);
  });

  it('shows the as-of date, the newest source, confidence and time in the footer', () => {
    expect(json(answer()).footer?.text).toBe('as of 6 Dec 2023 · newest source 6 Dec 2023 · confidence 0.91 · 12 ms');
    expect(json(answer({ asOf: '2026-12-01', newestSource: null })).footer?.text).toBe('as of 1 Dec 2026 · confidence 0.91 · 12 ms');
  });

  it('shows a relative date with the day it resolves to, outside the bold span', () => {
    const text = 'The US military said on Sunday it struck militants in Kirkuk, killing five.';
    const q = quote(text, 'Sunday');
    q.dates = [{ text: 'Sunday', start: text.indexOf('Sunday'), end: text.indexOf('Sunday') + 6, date: '2023-12-03', relative: true }];
    expect(json(answer({ answer: q })).description).toContain('on **Sunday** (3 Dec 2023) it struck');
  });

  it('says plainly when it abstains and lists the closest sources', () => {
    const e = json(answer({ abstained: true, answer: null, question: 'What is the capital of France?', sources: [source(1), source(2)] }));
    expect(e.description).toBe(ABSTAIN_TEXT);
    expect(e.fields?.[0]?.name).toBe('Closest sources');
    expect(e.fields?.[0]?.value).toContain('Article number 2');
  });

  it('shows supporting sentences and earlier figures with their dates', () => {
    const e = json(
      answer({
        supporting: [quote('The Islamic Resistance in Iraq claimed the attack.', 'Islamic Resistance in Iraq', 1)],
        earlier: [{ ...quote('Washington had counted 66 attacks.', '66 attacks', 2), published: '2023-11-21' }],
        sources: [source(1), source(2)],
      }),
    );
    expect(e.description).toContain('> The **Islamic Resistance in Iraq** claimed the attack. [1]');
    expect(e.description).toContain('**Earlier figures**\n• 21 Nov 2023: Washington had counted **66 attacks**. [2]');
  });

  it('escapes Markdown from articles so a quote cannot restyle or break the reply', () => {
    const text = 'The group [posted](https://evil.example) a *claim* with __underlines__, `code` and ||spoilers||.';
    const e = json(answer({ answer: quote(text, 'a *claim*') }));
    expect(e.description).toContain('\\[posted\\](hxxps://evil.example)');
    expect(e.description).toContain('**a \\*claim\\***');
    expect(e.description).toContain('\\_\\_underlines\\_\\_');
    expect(e.description).toContain('\\`code\\`');
    expect(e.description).toContain('\\|\\|spoilers\\|\\|');
  });

  it('keeps a line break inside a quote from ending the block quote', () => {
    const e = json(answer({ answer: quote('First line\n# not a heading\n- not a list', null) }));
    expect(e.description).toBe('> First line \\# not a heading \\- not a list [1]');
  });

  it('cuts a long answer at a sentence boundary, with an ellipsis and the bold closed', () => {
    const sentences = Array.from({ length: 400 }, (_, i) => `Sentence ${i} says that the attacks continued.`);
    const long = [SEED_SENTENCE, ...sentences].join(' ');
    const e = json(answer({ answer: quote(long, 'at least 78 attacks') }));
    withinLimits(e);
    expect(e.description!.length).toBeGreaterThan(3000);
    expect(e.description).toMatch(/attacks continued\.…\s\[1]$/);
    expect(boldMarkers(e.description!)).toBe(2);
  });

  it('cuts a single endless sentence at a word boundary, never mid-word', () => {
    const long = `${SEED_SENTENCE.slice(0, -1)} ${'and then another incident happened '.repeat(200)}`;
    const e = json(answer({ answer: quote(long, 'at least 78 attacks') }));
    withinLimits(e);
    expect(e.description).toMatch(/ (and|then|another|incident|happened)… \[1]$/);
  });

  it('drops the bold when the cut falls before the answer span, rather than leaving it open', () => {
    const long = `${'Word '.repeat(1500)}and finally 78 attacks.`;
    const e = json(answer({ answer: quote(long, '78 attacks') }));
    withinLimits(e);
    expect(boldMarkers(e.description!)).toBe(0);
  });

  it('keeps every limit with many long sources, noting the ones left out', () => {
    const sources = Array.from({ length: 60 }, (_, i) =>
      source(i + 1, { title: `A very long title about incident number ${i} `.repeat(8), url: `https://example.org/${'x'.repeat(300)}/${i}` }),
    );
    const e = json(answer({ sources }));
    withinLimits(e);
    expect(e.description).toContain('**at least 78 attacks**');
    expect(e.fields!.at(-1)!.value).toMatch(/… and \d+ more$/);
  });

  it('links only web addresses, with parentheses encoded and brackets in titles escaped', () => {
    const e = json(
      answer({
        sources: [
          source(1, { title: 'Strike [updated]', url: 'https://example.org/a_(b)' }),
          source(2, { title: 'Local file', url: 'javascript:alert(1)' }),
          source(3, { title: 'No link', url: null, source: null, published: null }),
        ],
      }),
    );
    const value = e.fields![0]!.value;
    expect(value).toContain('[Strike \\[updated\\]](<https://example.org/a_%28b%29>)');
    expect(value).toContain('**[2]** **Local file** — AFP, 6 Dec 2023');
    expect(value).toContain('**[3]** **No link**');
  });

  it('stays within every limit and never leaves bold open, whatever the text', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'b', ' ', '.', '*', '_', '`', '|', '~', '[', ']', '(', ')', '#', '>', '\n', '\\', '7', '8', 'é'), maxLength: 6000 });
    fc.assert(
      fc.property(text, fc.nat(), fc.nat(), fc.string({ maxLength: 400 }), fc.integer({ min: 0, max: 30 }), (t, a, b, title, nSources) => {
        const start = t.length ? a % t.length : 0;
        const end = t.length ? start + (b % (t.length - start + 1)) : 0;
        const sources = Array.from({ length: nSources }, (_, i) => source(i + 1, { title: title || 'untitled' }));
        const e = json(
          answer({
            question: title,
            answer: { text: t, span: end > start ? { start, end, text: t.slice(start, end) } : null, citation: 1, dates: [] },
            supporting: [{ text: t, span: null, citation: 1, dates: [] }],
            sources,
          }),
        );
        withinLimits(e);
        expect(boldMarkers(e.description ?? '') % 2).toBe(0);
      }),
      { numRuns: 150 },
    );
  });
});
