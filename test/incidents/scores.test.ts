import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/corpus/types.js';
import { splitSentences } from '../../src/corpus/sentences.js';
import { createGazetteer, extractReports, groupReports } from '../../src/incidents/index.js';
import { labelledArticleSchema, type LabelledArticle, type LabelledIncident } from '../../src/eval/incident-labels.js';
import { scoreIncidents } from '../../src/eval/incident-scores.js';

const gazetteer = createGazetteer([{ name: 'Karvan', country: 'AM', lat: 40, lon: 44, population: 30_000 }]);

const TEXT =
  'A rocket hit a school in Karvan on Monday, killing two children. ' +
  'The minister condemned the violence. ' +
  'The attack also wounded five teachers. ' +
  'Gunmen killed three police officers at the Orlen Checkpoint on Sunday.';

function label(sentence: number, over: Partial<LabelledIncident> = {}): LabelledIncident {
  return { sentence, eventDate: '2025-03-03', place: null, actor: null, target: null, kind: 'other', killed: null, injured: null, ...over };
}

function predict(labels: LabelledIncident[], text = TEXT) {
  const article: Article = { id: 'x', file: 'x.md', title: 'X', published: '2025-03-06', text };
  const label: LabelledArticle = labelledArticleSchema.parse({ id: 'x', file: 'x.jsonl', published: '2025-03-06', stratum: 'single-story', labelled: 'all', incidents: labels });
  const reports = extractReports(article, { gazetteer });
  return { label, sentenceCount: splitSentences(text).length, reports, incidents: groupReports(reports) };
}

describe('scoreIncidents', () => {
  const labels = [
    label(0, { place: 'Karvan', kind: 'rocket', killed: 2, target: 'school', group: 'A' }),
    label(2, { injured: 5, group: 'A' }),
    label(3, { eventDate: '2025-03-02', place: 'Orlen Checkpoint', actor: 'Gunmen', kind: 'gunfire', killed: 3 }),
  ];

  it('scores reports, fields, incidents and grouping against the labels', () => {
    const s = scoreIncidents([predict(labels)], gazetteer);
    expect(s.reports).toMatchObject({ correct: 3, predicted: 3, labelled: 3, precision: 1, recall: 1 });
    expect(s.fields.killed).toMatchObject({ correct: 2, labelled: 2 });
    expect(s.fields.injured).toMatchObject({ correct: 1, labelled: 1 });
    expect(s.fields.place.correct).toBe(2);
    expect(s.incidents).toMatchObject({ correct: 2, predicted: 2, labelled: 2 });
    expect(s.grouping).toMatchObject({ correct: 1, predicted: 1, labelled: 1 });
    // "The attack also wounded five teachers" names no day: it tells the rocket attack again, so it takes that sentence's Monday.
    expect(s.foundDateRight).toBe(1);
    expect(s.fields.eventDate).toMatchObject({ correct: 3, predicted: 3, labelled: 3 });
  });

  it('counts a missed report against recall and a spurious one against precision', () => {
    // Label only the gunmen: the rocket reports become spurious; add a label the extractor cannot find.
    const s = scoreIncidents([predict([labels[2]!, label(1, { kind: 'other' })])], gazetteer);
    expect(s.reports).toMatchObject({ correct: 1, predicted: 3, labelled: 2 });
    expect(s.reports.precision).toBeCloseTo(1 / 3);
    expect(s.reports.recall).toBeCloseTo(1 / 2);
  });

  it('says when a label points beyond the article', () => {
    const s = scoreIncidents([predict([label(40)])], gazetteer);
    expect(s.outOfRange).toEqual(['x sentence 40']);
  });

  it('rejects a label line with a kind it does not know', () => {
    expect(() => labelledArticleSchema.parse({ id: 'x', file: 'f', published: '2025-03-06', stratum: 'single-story', labelled: 'all', incidents: [{ ...label(0), kind: 'laser' }] })).toThrow();
  });
});
