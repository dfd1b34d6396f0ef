/**
 * What an add changes in the stored incidents, told by the build's own entries instead of by reading
 * the previous generation's incident files again and comparing every line (at a million passages:
 * 305 MB read a second time and 200,000 article lines compared, for an add of one article). A kept
 * article's or incident's entry is the very object the build read from the previous generation
 * (`updateIncidents` and `regroupIncidents` take them over as they are, their `line` a view of the
 * stored bytes), so its place there is found by walking both lists in their order; an entry made
 * now has no `line`. The result is the change `incidentChangeSince` and `groupChangeSince` give for
 * the same entries, origin for origin: where this walk cannot say so, it answers `undefined` and
 * the caller compares the lines as before. Pure.
 */
import { groupLineOf, groupsHeadOf, type GroupChange } from './incident-group-log.js';
import { articleLineOf, type IncidentChange } from './incident-log.js';
import type { IncidentEntries } from './incident-reports.js';
import { changeFromOrigins } from './record-log.js';

/** A line kept from the previous generation as a Buffer view of its bytes (no copy). */
const view = (line: Uint8Array) => Buffer.from(line.buffer, line.byteOffset, line.byteLength);

/**
 * The change `entries` make in the article lines of `previous` (the entries the build read from the
 * previous generation, whose stored lines they are, one per article in order): null when the kept
 * lines are out of their order (the base is written whole), `undefined` when the walk cannot tell
 * (the rules the reports were read with changed, so a line read again may equal the stored one; or an
 * entry made now for an article the previous generation holds).
 */
export function keptIncidentChange(previous: IncidentEntries, entries: IncidentEntries): IncidentChange | null | undefined {
  if (previous.extractor !== entries.extractor) return undefined;
  const before = previous.articles.values();
  const origins = new Int32Array(entries.articles.size);
  const added: Buffer[] = [];
  let [i, at] = [0, -1];
  for (const [id, a] of entries.articles) {
    if (a.line === undefined) {
      // Reports read now: `updateIncidents` reads an article again only when the previous generation does not hold it.
      if (previous.articles.has(id)) return undefined;
      origins[i++] = -1;
      added.push(articleLineOf(id, a));
      continue;
    }
    let found = false;
    for (let next = before.next(); !next.done; next = before.next()) {
      at++;
      if (next.value === a) {
        found = true;
        break;
      }
    }
    // Not found after the last kept one: before it (out of order), or not one of the previous entries at all.
    if (!found) return previous.articles.get(id) === a ? null : undefined;
    origins[i++] = at;
  }
  const change = changeFromOrigins(origins, previous.articles.size);
  return change && { change, added };
}

/**
 * The change `entries` make in the incident lines of `previous`, as `groupChangeSince` gives it: a
 * kept incident at its place; an incident grouped again whose line comes out as that of an incident
 * no longer kept (most of those a day near an added report's touches) at that one's place, so that
 * only the lines that differ are written. Null when kept lines are out of their order; `undefined`
 * when the walk cannot tell (an incident kept out of the previous order, or not one of the previous).
 */
export function keptGroupChange(previous: IncidentEntries, entries: IncidentEntries): GroupChange | null | undefined {
  if (previous.extractor !== entries.extractor) return undefined;
  const prev = previous.groups;
  const groups = entries.groups;
  const origins = new Int32Array(groups.length);
  let cursor = 0;
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i]!;
    if (g.line === undefined) {
      origins[i] = -1;
      continue;
    }
    while (cursor < prev.length && prev[cursor] !== g) cursor++;
    if (cursor === prev.length) return undefined;
    origins[i] = cursor++;
  }
  // The previous incidents no kept one is: a line grouped again may come out as one of theirs. A
  // line is its incident's whole content (no two incidents share a report), so it is its key.
  const gone = new Map<string, number>();
  let next = 0;
  const goneUntil = (end: number) => {
    for (; next < end; next++) {
      const line = prev[next]!.line;
      if (line === undefined) return false;
      gone.set(view(line).toString('latin1'), next);
    }
    return true;
  };
  for (const origin of origins) {
    if (origin < 0) continue;
    if (!goneUntil(origin)) return undefined;
    next = origin + 1;
  }
  if (!goneUntil(prev.length)) return undefined;
  const lines = new Map<number, Buffer>();
  for (let i = 0; i < groups.length; i++) {
    if (origins[i]! >= 0) continue;
    const line = groupLineOf(groups[i]!);
    lines.set(i, line);
    origins[i] = gone.get(line.toString('latin1')) ?? -1;
  }
  const change = changeFromOrigins(origins, prev.length);
  return change && { head: groupsHeadOf(entries), change, added: change.added.map((i) => lines.get(i)!) };
}
