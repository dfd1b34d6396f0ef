/**
 * A read generation's incident reports, parsed on first use (the timeline, the counts):
 * answering most questions never needs them. The next build reads the lines as entries instead,
 * parsing only the reports it groups again (`incidentEntriesOf`).
 */
import { damaged } from './index-checks.js';
import { IncidentLinesError, parseIncidents, parseIncidentsInSteps, readIncidentEntries } from './incident-lines.js';
import type { IncidentEntries, StoredIncidents } from './incident-reports.js';
import { nextTurn } from './steps.js';
import type { StoredIndex } from './stored-index.js';

/**
 * `index` with `incidents` (parsed at once) and `incidentsInSteps` (parsed a few lines at a time)
 * reading `bytes` on first use. Made apart from the reads so that the getter holds the reports'
 * bytes alone, not every file read.
 */
export function withLazyIncidents(index: Omit<StoredIndex, 'incidents' | 'incidentsInSteps'>, bytes: Buffer, file: string): StoredIndex {
  let pending: Buffer | undefined = bytes;
  let incidents: StoredIncidents | undefined;
  let inSteps: Promise<StoredIncidents> | undefined;
  const checked = <T>(read: () => T): T => {
    try {
      return read();
    } catch (err) {
      if (err instanceof IncidentLinesError) throw damaged(file, err.message);
      throw err;
    }
  };
  Object.defineProperty(index, 'incidents', {
    enumerable: true,
    get(): StoredIncidents {
      if (!incidents) {
        incidents = checked(() => parseIncidents(pending!));
        pending = undefined;
      }
      return incidents;
    },
  });
  Object.defineProperty(index, 'incidentsInSteps', {
    value: (): Promise<StoredIncidents> => {
      if (incidents) return Promise.resolve(incidents);
      inSteps ??= (async () => {
        try {
          incidents ??= await parseIncidentsInSteps(pending!, nextTurn);
        } catch (err) {
          inSteps = undefined;
          if (err instanceof IncidentLinesError) throw damaged(file, err.message);
          throw err;
        }
        pending = undefined;
        return incidents;
      })();
      return inSteps;
    },
  });
  return index as StoredIndex;
}

/** The next build's reading of a generation's incident lines (`readIncidentEntries`, no report parsed), its refusal told as a damaged file. */
export function incidentEntriesOf(bytes: Buffer, file: string): IncidentEntries {
  try {
    return readIncidentEntries(bytes);
  } catch (err) {
    if (err instanceof IncidentLinesError) throw damaged(file, err.message);
    throw err;
  }
}
