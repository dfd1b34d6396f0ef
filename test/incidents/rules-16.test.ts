/** The rules of incidents-16: event days read across an article's sentences, and one incident in one place for a past day's captions. Invented sentences. */
import { describe, expect, it } from 'vitest';
import { extractReports, groupReports } from '../../src/incidents/index.js';
import { article, gazetteer, only } from '../helpers/invented-incidents.js';

const reportsOf = (text: string, published?: string) => extractReports(article(text, published), { gazetteer });
const days = (text: string, published?: string) => reportsOf(text, published).map((r) => r.eventDay?.day ?? null);

describe('a weekday the day after publication', () => {
  // 6 March 2025 is a Thursday.
  it('reads the weekday after the page\'s day as that day, not six days back', () => {
    expect(only('Rockets hit a school in Dunmere on Friday, killing two pupils.').eventDay).toMatchObject({ day: '2025-03-07', basis: 'relative' });
    expect(only('A drone struck a depot in Karvan early Friday morning, wounding three guards.').eventDay?.day).toBe('2025-03-07');
  });

  it('keeps "last Friday" and the other weekdays before publication', () => {
    expect(only('Rockets hit a school in Dunmere last Friday, killing two pupils.').eventDay?.day).toBe('2025-02-28');
    expect(only('Rockets hit a school in Dunmere on Tuesday, killing two pupils.').eventDay?.day).toBe('2025-03-04');
  });
});

describe('a day carried to the next sentence', () => {
  it('dates the event told again by the sentence before, with the words it was read from', () => {
    const text = 'A car bomb exploded at a market in Dunmere on Monday, killing four people. Police said the blast also wounded ten shoppers.';
    const [first, second] = reportsOf(text);
    expect(second!.eventDay).toMatchObject({ day: '2025-03-03', basis: 'relative', span: { text: 'Monday' } });
    expect(second!.eventDay!.span!.start).toBe(first!.eventDay!.span!.start);
    expect(groupReports([first!, second!])).toHaveLength(1);
  });

  it('carries the day to a report of the same place', () => {
    expect(days('Gunmen attacked a checkpoint in Karvan on Monday, killing two soldiers. Officials in Karvan said 12 police officers were wounded by gunfire.')).toEqual(['2025-03-03', '2025-03-03']);
  });

  it('does not carry it to another place told with no word of the first event', () => {
    expect(days('Gunmen attacked a checkpoint in Karvan on Monday, killing two soldiers. A drone hit a fuel depot in Dunmere, killing three workers.')).toEqual(['2025-03-03', '2025-03-06']);
  });

  it('does not carry it across list items, each dated on its own', () => {
    expect(days('- Gunmen attacked a checkpoint in Karvan on Monday, killing two soldiers.\n- A drone hit a fuel depot in Karvan, killing three workers.')).toEqual(['2025-03-03', '2025-03-06']);
  });

  it('does not carry it further than two sentences', () => {
    const text = 'Gunmen attacked a checkpoint in Karvan on Monday, killing two soldiers. The mayor spoke. Shops were shut. Schools were closed. The attack also wounded five.';
    expect(days(text)).toEqual(['2025-03-03', '2025-03-06']);
  });
});

describe('a weekday after a sentence dated by the calendar', () => {
  // 13 October 2025 is a Monday; the page is of Saturday 25 October.
  it('is the date just written when that date is the weekday named', () => {
    const text = 'Smoke rises over Dunmere after a missile strike on October 13. Officials said two people were killed in missile strikes on Dunmere on Monday.';
    expect(days(text, '2025-10-25')).toEqual(['2025-10-13', '2025-10-13']);
  });

  it('is the weekday before publication when the date just written is another weekday', () => {
    const text = 'Smoke rises over Dunmere after a missile strike on October 14. Officials said two people were killed in missile strikes on Dunmere on Monday.';
    expect(days(text, '2025-10-25')).toEqual(['2025-10-14', '2025-10-20']);
  });
});

describe('a page that runs past its date', () => {
  const captions = [
    'Firefighters work after a rocket attack hit a school in Dunmere on April 20.',
    'A drone struck a fuel depot in Karvan on May 3.',
    'Smoke rises after shelling hit a market in Dunmere on May 28.',
    'Rescuers search a building hit by a missile strike in Karvan on June 15.',
    'A drone attack damaged a power station in Dunmere on July 2.',
  ].join('\n\n');

  it('reads its yearless dates after its day in its own year', () => {
    expect(days(captions, '2025-05-10')).toEqual(['2025-04-20', '2025-05-03', '2025-05-28', '2025-06-15', '2025-07-02']);
  });

  it('keeps a lone date after the page\'s day in the year before', () => {
    expect(days('Rockets hit a school in Dunmere on December 28, killing two pupils.', '2025-01-10')).toEqual(['2024-12-28']);
  });

  it('keeps dates far apart from the page\'s day in the year before', () => {
    const recalled = ['Rockets hit Dunmere on September 2.', 'A drone struck Karvan on October 7.', 'Shelling hit Dunmere on November 20.'].join(' ');
    expect(days(recalled, '2025-03-10')).toEqual(['2024-09-02', '2024-10-07', '2024-11-20']);
  });
});

describe('captions of one past day', () => {
  it('are two incidents in two towns apart', () => {
    const text = 'Shelling hit a school in Dunmere on January 7.\n\nShelling hit a market in Karvan on January 7.';
    const reports = reportsOf(text, '2025-03-06');
    expect(reports).toHaveLength(2);
    expect(groupReports(reports)).toHaveLength(2);
  });
});

describe('list items of one article', () => {
  it('are two incidents when they name no one town or site, even of one day and country', () => {
    const text = '- A drone struck a fuel depot in Armenia, killing two guards.\n- A drone hit an airport in Armenia, wounding five.';
    const reports = reportsOf(text);
    expect(reports.map((r) => r.item)).toEqual([0, text.indexOf('\n') + 1]);
    expect(groupReports(reports)).toHaveLength(2);
  });

  it('join when both name the same town', () => {
    const text = '- A drone struck a fuel depot in Karvan, killing two guards.\n- The drone attack in Karvan also wounded five.';
    expect(groupReports(reportsOf(text))).toHaveLength(1);
  });

  it('do not keep apart sentences of a story that are no list items', () => {
    const text = 'A drone struck a fuel depot in Armenia, killing two guards. A missile attack in Armenia wounded five.';
    const reports = reportsOf(text);
    expect(reports.every((r) => r.item === undefined)).toBe(true);
  });
});
