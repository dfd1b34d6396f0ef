/**
 * A read generation's incident reports, parsed on first use (the timeline, the counts):
 * answering most questions never needs them. The next build reads the lines as entries instead,
 * parsing only the reports it groups again (`incidentEntriesOf`).
 */
import path from 'node:path';
import type { Article } from '../corpus/types.js';
import type { Incident } from '../incidents/index.js';
import { incidentCatalogue } from './incident-catalogue.js';
import { damaged } from './index-checks.js';
import { groupLogName, storedGroupLines } from './incident-group-log.js';
import { IncidentLogError, incidentLogName, storedIncidentParts, type IncidentFile } from './incident-log.js';
import { IncidentLinesError, parseIncidents, parseIncidentsInSteps, readIncidentParts } from './incident-lines.js';
import type { IncidentEntries, StoredIncidents } from './incident-reports.js';
import { nextTurn } from './steps.js';
import { INDEX_FILES, type Manifest } from './manifest.js';
import type { StoredIndex } from './stored-index.js';

/**
 * A generation's stored incident files, as read and checked: the article lines' base and segments
 * in the log's order (layout 14, incident-log.ts), and the incident lines' (layout 15,
 * incident-group-log.ts).
 */
export interface IncidentSource {
  location: string;
  base: IncidentFile;
  segments: IncidentFile[];
  groups: IncidentFile;
  groupSegments: IncidentFile[];
}

/** The incident files of the generation in `location`, taken from its checked files' bytes (`bytesOf` gives a file's, by name). */
export function incidentSourceOf(location: string, manifest: Manifest, bytesOf: (name: string) => Buffer): IncidentSource {
  const file = (name: string): IncidentFile => ({ name, bytes: bytesOf(name) });
  return {
    location,
    base: file(INDEX_FILES.incidents),
    segments: manifest.vectorLog.map((n) => file(incidentLogName(n))),
    groups: file(INDEX_FILES.incidentGroups),
    groupSegments: manifest.vectorLog.map((n) => file(groupLogName(n))),
  };
}

/** The lines of the stored incidents put together (`storedIncidentLines`), a file that cannot be told as damaged by name. */
export function incidentBytesOf(source: IncidentSource): Buffer {
  return Buffer.concat(incidentPartsOf(source));
}

/** `incidentBytesOf`'s lines as views of the files' bytes (`storedIncidentParts`). */
function incidentPartsOf(source: IncidentSource): Buffer[] {
  try {
    return storedIncidentParts(source.base, source.segments, storedGroupLines(source.groups, source.groupSegments));
  } catch (err) {
    if (err instanceof IncidentLogError) throw damaged(path.join(source.location, err.file), err.message);
    throw err;
  }
}

/**
 * `index` with `incidents` (parsed at once) and `incidentsInSteps` (parsed a few lines at a time)
 * reading `bytes` on first use. Made apart from the reads so that the getter holds the reports'
 * bytes alone, not every file read.
 */
export function withLazyIncidents(index: Omit<StoredIndex, 'incidents' | 'incidentsInSteps' | 'incidentCatalogue'>, source: IncidentSource): StoredIndex {
  let pending: IncidentSource | undefined = source;
  const file = path.join(source.location, INDEX_FILES.incidents);
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
        incidents = checked(() => parseIncidents(incidentBytesOf(pending!)));
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
          incidents ??= await parseIncidentsInSteps(incidentBytesOf(pending!), nextTurn);
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
  Object.defineProperty(index, 'incidentCatalogue', {
    value: async (articleOf: (id: string) => Article | undefined): Promise<Incident[]> => {
      try {
        return await incidentCatalogue(incidentPartsOf(source), articleOf, nextTurn);
      } catch (err) {
        if (err instanceof IncidentLinesError) throw damaged(file, err.message);
        throw err;
      }
    },
  });
  return index as StoredIndex;
}

/** The next build's reading of a generation's incident lines (`readIncidentParts`, no report parsed, the lines left in the files' bytes), its refusal told as a damaged file. */
export function incidentEntriesOf(source: IncidentSource): IncidentEntries {
  const parts = incidentPartsOf(source);
  const file = path.join(source.location, INDEX_FILES.incidents);
  try {
    return readIncidentParts(parts);
  } catch (err) {
    if (err instanceof IncidentLinesError) throw damaged(file, err.message);
    throw err;
  }
}
