/**
 * The report filter a configuration asks for (INCIDENT_REPORT_MODEL): the model file read and checked
 * once per file, or null for the rules alone.
 */
import path from 'node:path';
import { PACKAGE_ROOT } from '../config.js';
import { readReportModel, reportFilterOf, type ReportFilter } from './report-model.js';

const read = new Map<string, ReportFilter>();

/** `setting`: a model file (relative to the package) or `none`. */
export function reportFilterFor(setting: string): ReportFilter | null {
  if (setting === 'none') return null;
  const file = path.resolve(PACKAGE_ROOT, setting);
  let filter = read.get(file);
  if (!filter) read.set(file, (filter = reportFilterOf(readReportModel(file))));
  return filter;
}
