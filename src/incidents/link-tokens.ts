/**
 * What `groupReports` looks a report up by, so that it compares only reports that could agree: the
 * article, its places' name tokens, and the cells of a grid of half a degree that gazetteer towns
 * within reach fall in (taken round the antimeridian).
 */
import { placeNameTokens } from './place-key.js';
import type { IncidentReport, PlaceField } from './types.js';

/** A site or a town: a place fine enough to stand for where the event was. */
export const isFine = (p: PlaceField) => p.specificity === 'site' || p.specificity === 'town';

/** Degrees of latitude (and longitude) of a cell of the grid gazetteer towns are put in. */
const CELL_DEG = 0.5;
const KM_PER_DEG = 111.32;
const COLUMNS = Math.round(360 / CELL_DEG);
/** A column of the grid, taken round the antimeridian. */
const column = (c: number) => ((c % COLUMNS) + COLUMNS) % COLUMNS;

/** What a report is looked up by: its article, its places' name tokens, and gazetteer cells (numbered). */
interface LinkTokens {
  article: string;
  names: string[];
  cells: number[];
}

/** A cell's number: rows (of latitude, shifted to be positive) times columns, plus the column. */
const cellNumber = (row: number, col: number) => (row + 2 * COLUMNS) * COLUMNS + column(col);

/**
 * The tokens two reports must share for `placesAgree` to hold of them: their article (within one,
 * more links hold), and for each place that can link across articles (the main one and the towns and
 * sites beside it) its name's tokens and its gazetteer cell. `around`: the cells within `km` of a
 * town's, for the report asking; its own cell only, for the one asked. Two places `nearby` each other
 * always share a name token, or are a town within `km` of a town in one of the cells around it.
 */
export function linkTokens(r: IncidentReport, km: number, around: boolean): LinkTokens {
  const out: LinkTokens = { article: r.articleId, names: [], cells: [] };
  for (const p of [r.place!, ...r.otherPlaces.filter(isFine)]) {
    out.names.push(...placeNameTokens(p.value));
    const g = p.gazetteer;
    if (!g) continue;
    const row = Math.floor(g.lat / CELL_DEG);
    const col = Math.floor(g.lon / CELL_DEG);
    if (!around) {
      out.cells.push(cellNumber(row, col));
      continue;
    }
    const rows = Math.ceil(km / (KM_PER_DEG * CELL_DEG));
    // A degree of longitude shrinks towards the poles: the columns to look at, at the cells' highest latitude.
    const lat = Math.min(89.9, Math.abs(g.lat) + (rows + 1) * CELL_DEG);
    const cols = Math.ceil(km / (KM_PER_DEG * Math.cos((lat * Math.PI) / 180) * CELL_DEG));
    for (let dr = -rows; dr <= rows; dr++) for (let dc = -cols; dc <= cols; dc++) out.cells.push(cellNumber(row + dr, col + dc));
  }
  return out;
}

/** Reports of one day by what they are looked up by. */
export interface DayTokens {
  articles: Map<string, number[]>;
  names: Map<string, number[]>;
  cells: Map<number, number[]>;
}

export function add<K>(map: Map<K, number[]>, key: K, i: number): void {
  const list = map.get(key);
  if (list) list.push(i);
  else map.set(key, [i]);
}

/** The position in `list` (ascending) of its first value above `i`. */
export function firstAfter(list: number[], i: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]! <= i) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
