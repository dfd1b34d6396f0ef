/**
 * Reports of one incident, grouped: the same event day ± 1, the same or a nearby place, the same kind
 * (an unnamed weapon, `other`, goes with any). Links are transitive, so two groups merge when a later
 * report links them. A report that names no place joins the closest earlier report of its own article
 * that it agrees with on day and kind ("The attack killed three" after the sentence that says where).
 */
import { parseIsoDay } from '../time/days.js';
import { distanceKm } from './gazetteer.js';
import { overlappingPlaceNames, samePlaceName } from './place-key.js';
import { add, firstAfter, isFine, linkTokens, type DayTokens } from './link-tokens.js';
import { summarise } from './summary.js';
import type { Incident, IncidentKind, IncidentReport, PlaceField } from './types.js';

/** Within one article, an undated sentence ("The attack killed two") may tell of an event up to this many days before the article's day. */
const UNDATED_LOOKBACK_DAYS = 7;
/** Above this many pairs of towns the check that two groups are apart is skipped (the merge is allowed): it stays cheap on a large corpus. */
const MAX_APART_PAIRS = 100;

export interface GroupOptions {
  /** Two towns the gazetteer knows are one place within this distance. Default 25 km. */
  nearbyKm?: number;
  /** Days apart two reports of one incident may be. Default 1. */
  dayTolerance?: number;
}

export const DEFAULT_GROUP_OPTIONS: Required<GroupOptions> = { nearbyKm: 25, dayTolerance: 1 };

function kindsAgree(a: IncidentKind, b: IncidentKind): boolean {
  return a === b || a === 'other' || b === 'other';
}

/** Within one article explosions are what any weapon makes ("Explosions tore through the shipyard" … "struck it with missiles"), and a raid is fought with any ("shots were fired during the raid"). */
function kindsAgreeInArticle(a: IncidentKind, b: IncidentKind): boolean {
  return kindsAgree(a, b) || a === 'explosive' || b === 'explosive' || a === 'raid' || b === 'raid';
}

function placesOf(r: IncidentReport): PlaceField[] {
  return r.place ? [r.place, ...r.otherPlaces] : [];
}

function nearby(a: PlaceField, b: PlaceField, km: number): boolean {
  if (samePlaceName(a.value, b.value) || overlappingPlaceNames(a.value, b.value)) return true;
  return a.gazetteer !== undefined && b.gazetteer !== undefined && distanceKm(a.gazetteer, b.gazetteer) <= km;
}


/** A country and a town the gazetteer puts in it ("Syria", "Aleppo"): the town is somewhere in the country. */
function within(country: PlaceField, town: PlaceField): boolean {
  return country.country !== undefined && town.gazetteer?.country === country.country;
}

/**
 * Whether two reports that both name places can be of one incident: their main places are near, or
 * one's main place is near a town or site the other also names. Across articles a country or region
 * named in passing ("… in Lebanon") links nothing, or every report of a day in that country would be
 * one; within one article it does, unless the two main places are towns or sites apart.
 */
export function placesAgree(a: IncidentReport, b: IncidentReport, km = DEFAULT_GROUP_OPTIONS.nearbyKm): boolean {
  if (!a.place || !b.place) return false;
  if (nearby(a.place, b.place, km)) return true;
  if (a.articleId === b.articleId) {
    // One article telling of airstrikes in a country and then of airstrikes in a town of it tells of one incident.
    if (a.kind.value === b.kind.value && a.kind.value !== 'other' && (within(a.place, b.place) || within(b.place, a.place))) return true;
    // Two towns or sites apart are two places, unless one report names the other's place too ("Ghobeiry, in Beirut").
    if (isFine(a.place) && isFine(b.place)) return a.otherPlaces.some((x) => nearby(x, b.place!, km)) || b.otherPlaces.some((y) => nearby(a.place!, y, km));
    // Otherwise one's main place must be one the other names: two countries both named in passing ("… Israel …") link nothing.
    return placesOf(b).some((y) => nearby(a.place!, y, km)) || placesOf(a).some((x) => nearby(x, b.place!, km));
  }
  return b.otherPlaces.some((y) => isFine(y) && nearby(a.place!, y, km)) || a.otherPlaces.some((x) => isFine(x) && nearby(x, b.place!, km));
}

/**
 * Days of two reports agree when within the tolerance, or — in one article — when one has only the
 * article's own day and the other falls in the week up to it.
 */
function daysAgree(a: IncidentReport, da: number, b: IncidentReport, db: number, tolerance: number): boolean {
  if (Math.abs(da - db) <= tolerance) return true;
  if (a.articleId !== b.articleId) return false;
  const soft = (r: IncidentReport, d: number, other: number) => r.eventDay?.basis === 'published' && other <= d && other >= d - UNDATED_LOOKBACK_DAYS;
  return soft(a, da, db) || soft(b, db, da);
}

/**
 * Two list items of one article ("- Drones hit Kuwait City.", "- An airstrike hits Tehran.") are two
 * incidents, as a digest gives each its own item, unless both name the same town or site, or one
 * names the event recalled by its day ("the January 7 raid"): a country or region both name, or an
 * item with no place, links nothing across items.
 */
function otherItems(a: IncidentReport, b: IncidentReport, km: number): boolean {
  if (a.item === undefined || b.item === undefined || a.item === b.item || a.articleId !== b.articleId) return false;
  if (a.eventDay?.named || b.eventDay?.named) return false;
  return !(a.place && b.place && isFine(a.place) && isFine(b.place) && nearby(a.place, b.place, km));
}

class UnionFind {
  private readonly parent: number[];
  constructor(n: number) {
    this.parent = Array.from({ length: n }, (_, i) => i);
  }
  find(i: number): number {
    while (this.parent[i] !== i) {
      this.parent[i] = this.parent[this.parent[i]!]!;
      i = this.parent[i]!;
    }
    return i;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

/** Groups reports into incidents, newest first. */
export function groupReports(reports: IncidentReport[], options: GroupOptions = {}): Incident[] {
  const { nearbyKm, dayTolerance } = { ...DEFAULT_GROUP_OPTIONS, ...options };
  const days = reports.map((r) => (r.eventDay ? parseIsoDay(r.eventDay.day) : null));
  const uf = new UnionFind(reports.length);
  const agree = (i: number, j: number) => {
    const [a, b] = [reports[i]!, reports[j]!];
    return (a.articleId === b.articleId ? kindsAgreeInArticle : kindsAgree)(a.kind.value, b.kind.value) && daysAgree(a, days[i]!, b, days[j]!, dayTolerance) && !otherItems(a, b, nearbyKm);
  };
  // Only reports of neighbouring days can link, and of those only the ones sharing a token with this
  // one (its article, a name's key, skeleton or word, a gazetteer cell near enough) can agree on
  // place: the others are never compared, so a large corpus is not compared pair by pair.
  const byDayToken = new Map<number, DayTokens>();
  reports.forEach((r, i) => {
    const d = days[i];
    if (d === null || d === undefined || !r.place) return;
    let tokens = byDayToken.get(d);
    if (!tokens) byDayToken.set(d, (tokens = { articles: new Map(), names: new Map(), cells: new Map() }));
    const own = linkTokens(r, nearbyKm, false);
    add(tokens.articles, own.article, i);
    for (const t of own.names) add(tokens.names, t, i);
    for (const c of own.cells) add(tokens.cells, c, i);
  });
  // The reports of each group whose main place is a town or site: one incident happens in one place, so
  // two groups whose towns are apart (and neither report names the other's) are not merged, however a
  // third report links them ("… in Kharkiv", "… in Ukraine", "… near Kyiv": three places, not one).
  const fine = new Map<number, number[]>();
  reports.forEach((r, i) => {
    if (r.place && isFine(r.place)) fine.set(i, [i]);
  });
  const near = (a: IncidentReport, b: IncidentReport) => nearby(a.place!, b.place!, nearbyKm) || a.otherPlaces.some((x) => nearby(x, b.place!, nearbyKm)) || b.otherPlaces.some((y) => nearby(a.place!, y, nearbyKm));
  // A linking report that names both places says they are one incident's ("Rockets hit Karvan and the Loria depot").
  const names = (r: IncidentReport, p: PlaceField) => placesOf(r).some((q) => nearby(q, p, nearbyKm));
  const apart = (i: number, j: number) => {
    const a = fine.get(uf.find(i));
    const b = fine.get(uf.find(j));
    if (!a || !b || a.length * b.length > MAX_APART_PAIRS) return false;
    const [ri, rj] = [reports[i]!, reports[j]!];
    return a.some((x) =>
      b.some((y) => {
        const [px, py] = [reports[x]!.place!, reports[y]!.place!];
        return !near(reports[x]!, reports[y]!) && !(names(ri, px) && names(ri, py)) && !(names(rj, px) && names(rj, py));
      }),
    );
  };
  const unite = (i: number, j: number) => {
    const [ri, rj] = [uf.find(i), uf.find(j)];
    if (ri === rj) return;
    const merged = [...(fine.get(ri) ?? []), ...(fine.get(rj) ?? [])];
    fine.delete(ri);
    fine.delete(rj);
    uf.union(i, j);
    if (merged.length) fine.set(uf.find(i), merged);
  };
  // The report each later one was last compared with: a mark per report instead of a set per report.
  const seenBy = new Int32Array(reports.length).fill(-1);
  reports.forEach((r, i) => {
    const d = days[i];
    if (d === null || d === undefined || !r.place) return;
    const asked = linkTokens(r, nearbyKm, true);
    const compare = (list: number[] | undefined) => {
      if (!list) return;
      // Lists hold reports in index order: only the later ones are compared with this one.
      for (let at = firstAfter(list, i); at < list.length; at++) {
        const j = list[at]!;
        if (seenBy[j] === i) continue;
        seenBy[j] = i;
        // Already one incident: a link between them would change nothing.
        if (uf.find(i) === uf.find(j)) continue;
        if (agree(i, j) && placesAgree(r, reports[j]!, nearbyKm) && !apart(i, j)) unite(i, j);
      }
    };
    for (let k = d - dayTolerance; k <= d + dayTolerance; k++) {
      const tokens = byDayToken.get(k);
      if (!tokens) continue;
      compare(tokens.articles.get(asked.article));
      for (const t of asked.names) compare(tokens.names.get(t));
      for (const c of asked.cells) compare(tokens.cells.get(c));
    }
  });
  // The weapon each group names so far: a report joining a group by one member ("At least two are
  // injured.", of no kind) must agree with the weapon the rest name (a drone strike's toll, then "A
  // missile hit a refinery": another incident).
  const named = new Map<number, IncidentKind>();
  reports.forEach((r, i) => {
    if (r.kind.value !== 'other' && !named.has(uf.find(i))) named.set(uf.find(i), r.kind.value);
  });
  const joinable = (i: number, j: number) => {
    const k = named.get(uf.find(j));
    return k === undefined || kindsAgreeInArticle(reports[i]!.kind.value, k);
  };
  const join = (i: number, j: number) => {
    const k = named.get(uf.find(i)) ?? named.get(uf.find(j));
    unite(i, j);
    if (k !== undefined && !named.has(uf.find(i))) named.set(uf.find(i), k);
  };
  // Reports of one article, in sentence order: undated ones may be days from the dated ones. Only
  // reports of one article are compared here, so the articles go in the order they first come.
  const articleRank = new Map<string, number>();
  const rank = reports.map((r) => {
    let k = articleRank.get(r.articleId);
    if (k === undefined) articleRank.set(r.articleId, (k = articleRank.size));
    return k;
  });
  const order = reports.map((_, i) => i).sort((a, b) => rank[a]! - rank[b]! || reports[a]!.sentence - reports[b]!.sentence);
  order.forEach((i, pos) => {
    const r = reports[i]!;
    if (days[i] === null) return;
    for (let q = pos - 1; q >= 0; q--) {
      const j = order[q]!;
      if (reports[j]!.articleId !== r.articleId) break;
      if (days[j] === null || !agree(i, j)) continue;
      // A report without a place joins the closest earlier one it agrees with; one with a place, any it agrees with on place.
      if (!r.place) {
        if (!joinable(i, j)) continue;
        join(i, j);
        break;
      }
      if (reports[j]!.place && placesAgree(r, reports[j]!, nearbyKm) && !apart(i, j)) join(i, j);
    }
  });
  // An earlier event an article recalls on its own day ("the Oct. 7 attack" in a page of January) is one
  // incident however many of its sentences recall it, whatever place each names in passing — but not
  // two towns or sites apart: a gallery's or timeline's captions of one past day in Irpin and in
  // Mariupol are two incidents, as one incident happens in one place. An event named by its day ("the
  // January 7 raid") is the one recalled, whatever town the sentence is in.
  const recalled = new Map<string, number[]>();
  reports.forEach((r, i) => {
    const published = r.published ? parseIsoDay(r.published.slice(0, 10)) : null;
    if (days[i] === null || published === null || r.eventDay?.basis === 'published' || days[i]! >= published - UNDATED_LOOKBACK_DAYS) return;
    const k = `${r.articleId}\u0000${days[i]}`;
    const list = recalled.get(k);
    if (!list) recalled.set(k, [i]);
    else {
      for (const j of list) if (agree(i, j) && (r.eventDay?.named || reports[j]!.eventDay?.named || !apart(i, j))) unite(i, j);
      list.push(i);
    }
  });
  const groups = new Map<number, IncidentReport[]>();
  reports.forEach((r, i) => {
    const root = uf.find(i);
    const list = groups.get(root);
    if (list) list.push(r);
    else groups.set(root, [r]);
  });
  return [...groups.values()]
    .map(summarise)
    .sort((a, b) => (b.day ?? '').localeCompare(a.day ?? '') || a.id.localeCompare(b.id));
}
