/**
 * The learned readers a configuration asks for (INCIDENT_REPORT_MODEL, INCIDENT_SENTENCE_MODEL): each
 * model file read and checked once per file, or null for the rules alone.
 */
import path from 'node:path';
import { PACKAGE_ROOT } from '../config.js';
import { readReportModel, reportFilterOf, type ReportFilter } from './report-model.js';
import { readSentenceModel, sentenceModelOf, type SentenceModel } from './sentence-model.js';

/** A reader of a `setting` (a model file relative to the package, or `none`), each file read once. */
function cachedReader<T>(read: (file: string) => T): (setting: string) => T | null {
  const byFile = new Map<string, T>();
  return (setting) => {
    if (setting === 'none') return null;
    const file = path.resolve(PACKAGE_ROOT, setting);
    let value = byFile.get(file);
    if (value === undefined) byFile.set(file, (value = read(file)));
    return value;
  };
}

export const reportFilterFor: (setting: string) => ReportFilter | null = cachedReader((file) => reportFilterOf(readReportModel(file)));

export const sentenceModelFor: (setting: string) => SentenceModel | null = cachedReader((file) => sentenceModelOf(readSentenceModel(file)));
