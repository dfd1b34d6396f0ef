import { describe, expect, it } from 'vitest';
import { cleanText, isBoilerplateLine, normaliseWhitespace } from '../../src/corpus/index.js';

describe('normaliseWhitespace', () => {
  it('turns CRLF, CR, NBSP and zero-width characters into plain text', () => {
    expect(normaliseWhitespace('one\r\ntwo\rthree\u00a0four\u200bfive\ufeff  \n')).toBe('one\ntwo\nthree fourfive\n');
  });
});

describe('isBoilerplateLine', () => {
  it.each(['Related Articles', 'Back to top button', 'SHARE THIS:', 'Advertisement', 'Read more »', 'We use cookies to improve your experience', '© 2024 Daily News. All rights reserved.'])(
    'recognises "%s" as page furniture',
    (line) => expect(isBoilerplateLine(line)).toBe(true),
  );
  it.each(['Read more about the strike in our live coverage of the war.', 'Advertisement revenue fell by half.', 'The attack on Related Articles Inc. was claimed'])(
    'keeps the sentence "%s"',
    (line) => expect(isBoilerplateLine(line)).toBe(false),
  );
});

describe('cleanText', () => {
  it('strips a navigation crumb, the repeated title and trailing furniture from a news page', () => {
    const raw = [
      'World  |  Africa',
      '',
      'Rebels Seize Second Town in Eastern Offensive',
      '',
      'Advertisement',
      '',
      'Rebel fighters took control of a second town on Tuesday, residents said.',
      '',
      '',
      '',
      'The army has not commented.   ',
      '',
      'Share this',
      'Facebook',
      'Read more',
      'Sahel',
      'Rebels',
    ].join('\r\n');
    expect(cleanText(raw, { title: 'Rebels seize second town in eastern offensive' })).toBe(
      'Rebel fighters took control of a second town on Tuesday, residents said.\n\nThe army has not commented.',
    );
  });

  it('keeps short subheadings in the middle of a story', () => {
    const raw = 'The port was shelled overnight, officials said.\n\nCasualties\n\nThree people were wounded.';
    expect(cleanText(raw)).toBe(raw);
  });

  it('keeps a short article that has no sentence punctuation at all', () => {
    expect(cleanText('Ceasefire holds in the north')).toBe('Ceasefire holds in the north');
  });

  it('collapses runs of blank lines into one paragraph break', () => {
    expect(cleanText('First paragraph here.\n\n\n\n\nSecond paragraph here.')).toBe('First paragraph here.\n\nSecond paragraph here.');
  });

  it('returns an empty string when nothing but furniture is left', () => {
    expect(cleanText('Related Articles\n\nBack to top button')).toBe('');
  });
});
