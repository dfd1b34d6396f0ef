import { describe, expect, it } from 'vitest';
import { SAME_STORY, alsoReportedBy, findStory, type Story } from '../../src/bot/stories.js';
import { jaccard, similarity, sketch, storyTerms } from '../../src/bot/story-sketch.js';

/** Invented reports: two wordings of each of two events, another event, and a second attack on a depot. */
const REPORTS = {
  depotA: ['Rockets Strike Kessel Fuel Depot Outside Marrow Creek', 'Seven rockets struck the Kessel fuel depot outside Marrow Creek late on Tuesday, setting two storage tanks on fire, the regional governor said. No casualties were reported. The Northern Front claimed the attack in a statement.'],
  depotB: ['Fuel depot near Marrow Creek hit by rocket barrage', 'A barrage of seven rockets hit the Kessel fuel storage site near the town of Marrow Creek on Tuesday night, igniting two tanks, according to the governor of the region. The Northern Front said it carried out the strike; nobody was hurt.'],
  erbilA: ['Rockets Hit Erbil Airport Base Hosting US Troops', "Three rockets struck a base at Erbil airport in northern Iraq on Friday, the Kurdish region's counter-terrorism service said. The base hosts US troops deployed with the international coalition. No casualties were reported."],
  erbilB: ['Erbil air base targeted with rockets', 'Three rockets were fired at the air base at Erbil airport, which hosts American troops of the coalition, on Friday, Kurdish counter-terrorism officials said. There were no casualties.'],
  tanf: ['Drone Shot Down Near Al-Tanf Garrison', 'Coalition forces shot down a drone approaching the Al-Tanf garrison in southeastern Syria on Saturday, a US official said. No group immediately claimed the attempted attack.'],
  depotOther: ['Rocket attack on fuel depot in Kessel region', 'Rockets struck a fuel depot in the Kessel region on Wednesday, the second attack on energy sites this week, officials said. Three people were wounded.'],
} as const;
type Name = keyof typeof REPORTS;
const termsOf = (n: Name) => storyTerms(REPORTS[n][0], REPORTS[n][1]);
const sim = (a: Name, b: Name) => similarity(sketch(termsOf(a)), sketch(termsOf(b)));

describe('recognising one story in differently worded reports', () => {
  it('puts two wordings of one event at or above SAME_STORY', () => {
    expect(sim('depotA', 'depotB')).toBeGreaterThanOrEqual(SAME_STORY);
    expect(sim('erbilA', 'erbilB')).toBeGreaterThanOrEqual(SAME_STORY);
  });

  it('keeps different events below it, a second attack on the same kind of target included', () => {
    const different: [Name, Name][] = [
      ['depotA', 'erbilA'],
      ['depotA', 'tanf'],
      ['erbilB', 'tanf'],
      ['depotA', 'depotOther'],
      ['depotB', 'depotOther'],
      ['erbilA', 'depotOther'],
    ];
    for (const [a, b] of different) expect(sim(a, b), `${a} ~ ${b}`).toBeLessThan(SAME_STORY);
  });

  it('estimates the Jaccard similarity of the term sets within a few hundredths', () => {
    for (const [a, b] of [['depotA', 'depotB'], ['erbilA', 'erbilB'], ['depotA', 'depotOther']] as [Name, Name][]) {
      expect(Math.abs(sim(a, b) - jaccard(termsOf(a), termsOf(b)))).toBeLessThan(0.1);
    }
    expect(sim('tanf', 'tanf')).toBe(1);
    expect(similarity(sketch([]), sketch([]))).toBe(0);
  });

  it('reads numbers however written, and ignores the words of reporting', () => {
    expect(storyTerms('', 'Seventy-eight rockets, officials said on Monday')).toEqual(storyTerms('', '78 rockets'));
  });
});

describe('stories', () => {
  const story = (name: Name, published: string, source: string): Story => ({
    id: name,
    sig: sketch(termsOf(name)),
    at: `${published}T12:00:00Z`,
    sentence: REPORTS[name][1],
    reports: [{ file: `${name}.md`, title: REPORTS[name][0], source, published, url: null }],
    messages: {},
  });

  it('joins a report to the most similar story of the last three days, not to an older one', () => {
    const stories = [story('erbilA', '2031-04-01', 'AFP'), story('depotA', '2031-04-08', 'The Harbour Ledger')];
    const depotB = sketch(termsOf('depotB'));
    expect(findStory(stories, depotB, '2031-04-09', '2031-04-09T10:00:00Z')?.id).toBe('depotA');
    expect(findStory(stories, depotB, '2031-04-20', '2031-04-20T10:00:00Z')).toBeNull();
    expect(findStory(stories, sketch(termsOf('tanf')), '2031-04-08', '2031-04-08T10:00:00Z')).toBeNull();
  });

  it('names each other outlet once, in the order they brought the story', () => {
    const s = story('depotA', '2031-04-08', 'The Harbour Ledger');
    for (const source of ['Northern Dispatch', 'the harbour ledger', 'Reuters', 'Northern Dispatch', null]) {
      s.reports.push({ file: 'x.md', title: 'x', source, published: null, url: null });
    }
    expect(alsoReportedBy(s)).toEqual(['Northern Dispatch', 'Reuters']);
  });
});
