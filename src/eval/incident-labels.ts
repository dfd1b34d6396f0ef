/**
 * The hand labels of incidents (`test/fixtures/eval/incidents.jsonl`, rules in
 * `test/fixtures/eval/INCIDENTS.md`): one line per article, its incidents by sentence.
 */
import { z } from 'zod';
import { INCIDENT_KINDS } from '../incidents/index.js';

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
const count = z.number().int().nonnegative().nullable();

export const labelledIncidentSchema = z.strictObject({
  sentence: z.number().int().nonnegative(),
  eventDate: isoDay.nullable(),
  place: z.string().min(1).nullable(),
  otherPlaces: z.array(z.string().min(1)).optional(),
  actor: z.string().min(1).nullable(),
  target: z.string().min(1).nullable(),
  kind: z.enum(INCIDENT_KINDS),
  killed: count,
  injured: count,
  group: z.string().min(1).optional(),
});

export const labelledArticleSchema = z.strictObject({
  id: z.string().min(1),
  file: z.string().min(1),
  published: isoDay,
  stratum: z.enum(['wikipedia-day', 'live-updates', 'single-story']),
  labelled: z.string(),
  labelledThroughSentence: z.number().int().nonnegative().optional(),
  note: z.string().optional(),
  incidents: z.array(labelledIncidentSchema),
});

export type LabelledIncident = z.infer<typeof labelledIncidentSchema>;
export type LabelledArticle = z.infer<typeof labelledArticleSchema>;
