/** Invented towns and a one-article corpus for the extractor's tests, so no test depends on the real gazetteer. */
import { expect } from 'vitest';
import type { Article } from '../../src/corpus/types.js';
import { createGazetteer, extractReports, type IncidentReport } from '../../src/incidents/index.js';

export const gazetteer = createGazetteer([
  { name: 'Dunmere', country: 'GB', lat: 54.0, lon: -2.0, population: 60_000 },
  { name: 'Karvan', country: 'AM', lat: 40.0, lon: 44.0, population: 30_000 },
]);

export function article(text: string, published = '2025-03-06'): Article {
  return { id: 'a1', file: 'invented.md', title: 'Invented', published, text };
}

/** The one report `text` yields. */
export function only(text: string, published?: string): IncidentReport {
  const reports = extractReports(article(text, published), { gazetteer });
  expect(reports).toHaveLength(1);
  return reports[0]!;
}
