/**
 * The learned readers a configuration asks for (INCIDENT_REPORT_MODEL, INCIDENT_SENTENCE_MODEL): each
 * model file read and checked once per file, or null for the rules alone.
 */
import path from 'node:path';
import { PACKAGE_ROOT } from '../config.js';
import { readReportModel, reportFilterOf, type ReportFilter } from './report-model.js';
import { readSentenceModel, sentenceModelOf, type SentenceModel } from './sentence-model.js';

const read = new Map<string, ReportFilter>();

/** `setting`: a model file (relative to the package) or `none`. */
export function reportFilterFor(setting: string): ReportFilter | null {
  if (setting === 'none') return null;
  const file = path.resolve(PACKAGE_ROOT, setting);
  let filter = read.get(file);
  if (!filter) read.set(file, (filter = reportFilterOf(readReportModel(file))));
  return filter;
}

const readSentences = new Map<string, SentenceModel>();

/** `setting`: a sentence model file (relative to the package) or `none`. */
export function sentenceModelFor(setting: string): SentenceModel | null {
  if (setting === 'none') return null;
  const file = path.resolve(PACKAGE_ROOT, setting);
  let model = readSentences.get(file);
  if (!model) readSentences.set(file, (model = sentenceModelOf(readSentenceModel(file))));
  return model;
}
