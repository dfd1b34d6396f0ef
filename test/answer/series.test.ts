import { describe, expect, it } from 'vitest';
import { askedAttribution, attributionOf, figureSeries, sameAttribution } from '../../src/answer/series.js';
import type { RankedSentence } from '../../src/answer/rank.js';

/** A ranked sentence whose figure is `figure`, from article `article`, at `relevance` (score = relevance). */
function figure(article: number, text: string, figureText: string, relevance = 1, spanScore = 1): RankedSentence {
  const start = text.indexOf(figureText);
  return {
    article,
    start: 0,
    end: text.length,
    text,
    passage: 1,
    semantic: 0,
    features: { coverage: relevance, own: relevance, proximity: 0, semantic: 0, type: spanScore, date: 0, passage: 1, complete: 1 },
    span: { start, end: start + figureText.length, text: figureText, score: spanScore },
    relevance,
    score: relevance * spanScore,
  };
}

const PUBLISHED = ['2023-11-09', '2023-12-06', '2024-01-30', '2023-10-20'];
const publishedOf = (article: number) => PUBLISHED[article]!;

describe('running figures', () => {
  it('answers with the newest figure however it is worded, and lists the older ones newest first', () => {
    const ranked = [
      figure(0, 'US forces have been attacked 46 times since Oct. 17.', '46 times', 1),
      figure(1, 'Washington has counted at least 78 attacks since October 17.', 'at least 78 attacks', 0.9),
      figure(2, 'Militias have carried out more than 160 attacks on US forces since mid-October.', 'more than 160 attacks', 0.7),
      figure(3, 'US troops were attacked 13 times in the first days.', '13 times', 0.75),
    ];
    const series = figureSeries(ranked, publishedOf)!;
    expect(series.answer.span!.text).toBe('more than 160 attacks');
    expect(series.earlier.map((s) => s.span!.text)).toEqual(['at least 78 attacks', '46 times', '13 times']);
  });

  it('leaves out figures far less relevant than the best, or not tied to the counted thing', () => {
    const ranked = [
      figure(0, 'US forces have been attacked 46 times since Oct. 17.', '46 times', 1),
      figure(2, 'The strike killed 160 fighters.', '160 fighters', 0.3),
      figure(1, 'Some 78 journalists attended the briefing.', '78 journalists', 0.9, 0.5),
    ];
    const series = figureSeries(ranked, publishedOf)!;
    expect(series.answer.span!.text).toBe('46 times');
    expect(series.earlier).toEqual([]);
  });

  it('keeps tolls from different sources apart', () => {
    const ranked = [
      figure(0, 'At least 10,000 people have been killed, according to the Gaza Health Ministry.', 'At least 10,000 people', 1),
      figure(2, 'About 1,200 people were killed in Israel, the Israeli military says.', 'About 1,200 people', 0.9),
      figure(1, 'The death toll rose to 11,000, the Ministry of Health in Gaza said.', '11,000', 0.8),
    ];
    const series = figureSeries(ranked, publishedOf)!;
    // Article 2 is the newest, but the Israeli military's count is another series.
    expect(series.answer.span!.text).toBe('11,000');
    expect(series.earlier.map((s) => s.span!.text)).toEqual(['At least 10,000 people']);
  });

  it('names who gives a figure', () => {
    expect(attributionOf('At least 58 Palestinians are killed, the Gaza health ministry says.')).toBe('gaza health ministry');
    expect(attributionOf('The toll is 300, according to the Gaza Health Ministry.')).toBe('gaza health ministry');
    expect(attributionOf('The Pentagon said 46 attacks had been recorded.')).toBe('pentagon');
    expect(attributionOf('Militias have attacked US forces 46 times.')).toBe('');
    // A spokesperson speaks for an institution: no series of their own.
    expect(attributionOf('Deputy Pentagon press secretary Sabrina Singh said forces were attacked 46 times.')).toBe('');
    expect(sameAttribution('gaza health ministry', 'ministry of health in gaza')).toBe(true);
    expect(sameAttribution('gaza health ministry', '')).toBe(true);
    expect(sameAttribution('gaza health ministry', 'israeli military')).toBe(false);
  });

  it('reads the source a question asks a figure of, and answers from it', () => {
    expect(askedAttribution('How many Palestinians have been killed, per the Gaza Health Ministry?')).toBe('gaza health ministry');
    expect(askedAttribution('According to the Iranian Red Crescent, how many people have died?')).toBe('iranian red crescent');
    expect(askedAttribution("How many soldiers did Benin's government say died?")).toBe("benin's government");
    expect(askedAttribution('How many people were killed by Israeli strikes?')).toBe('');
    const ranked = [
      figure(2, 'JNIM claims 70 soldiers were killed in the attack.', '70 soldiers', 1),
      figure(1, "Benin's government says 54 soldiers died in the attack.", '54 soldiers', 0.9),
    ];
    expect(figureSeries(ranked, publishedOf, new Set(), "benin's government")!.answer.span!.text).toBe('54 soldiers');
  });

  it('joins a figure that names the place by its adjective, or whose article title names it', () => {
    const names = new Set(['norland']);
    const ranked = [
      figure(0, 'Around 900 people have been killed in Norland since March 2, officials said.', 'Around 900 people', 1),
      figure(1, 'The Norlandic government says the death toll has risen to 960.', '960', 0.9),
      figure(2, 'At least 1,010 people have been killed so far.', 'At least 1,010 people', 0.8),
      figure(3, 'At least 2,000 people have been killed in Veska so far.', 'At least 2,000 people', 0.8),
    ];
    const titles = (article: number) => new Set(article === 2 ? ['norland', 'war', 'live', 'updat'] : []);
    const series = figureSeries(ranked, (a) => ['2026-03-10', '2026-03-20', '2026-03-24', '2026-03-25'][a]!, names, '', titles)!;
    // Article 3 is the newest, but neither it nor its title speaks of Norland.
    expect(series.answer.span!.text).toBe('At least 1,010 people');
    expect(series.earlier.map((s) => s.span!.text)).toEqual(['960', 'Around 900 people']);
  });
});
