/**
 * Place names reduced for comparison. News spells one place many ways ("Ain al-Asad", "al-Asad
 * Airbase"; "Hodeidah", "Hudaydah"; "Kyiv Oblast", "the Kyiv region"): the key drops case, accents,
 * articles, compass words and the generic words around a name; the skeleton also drops the vowels, so
 * transliterations of one name meet.
 */

/** Words that say what kind of place a name is, or where in it: not part of the name. */
const GENERIC = new Set(
  ('province provinces region oblast governorate district state city town village county municipality krai department area ' +
    'territory republic prefecture commune canton neighbourhood neighborhood suburb outskirts ' +
    'air base airbase base airport international airfield air field port naval military ' +
    'northern southern eastern western central north south east west northeastern northwestern southeastern southwestern ' +
    'northeast northwest southeast southwest occupied besieged nearby the of').split(' '),
);

/** Keys already made: a timeline compares the same few thousand names again and again. */
const keys = new Map<string, string>();
const MAX_KEYS = 200_000;

/** Lower case, no accents or apostrophes, no "al-"/"el-", no generic words. */
export function placeKey(name: string): string {
  const known = keys.get(name);
  if (known !== undefined) return known;
  if (keys.size >= MAX_KEYS) keys.clear();
  const key = makeKey(name);
  keys.set(name, key);
  return key;
}

/** `placeKey` without its cache, for names compared once (a gazetteer's towns, as it is built). */
export function makeKey(name: string): string {
  const words = name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’`ʻʿ]/g, '')
    .replace(/\b(?:al|el|ad|an|as|ash|at|az|ar)-/g, '')
    .replace(/[^a-z0-9\s-]/g, ' ')
    .split(/[\s-]+/)
    .filter((w) => w && !GENERIC.has(w) && !/^(?:al|el)$/.test(w));
  return words.join(' ');
}

/** The key without vowels or doubled letters, per word ("hodeidah" and "hudaydah" → "hddh"); short names keep their key. */
export function placeSkeleton(key: string): string {
  return key
    .split(' ')
    .map((w) => {
      const s = (w[0] ?? '') + w.slice(1).replace(/[aeiouy]/g, '');
      return s.replace(/(.)\1+/g, '$1').replace(/kh/g, 'k').replace(/sh/g, 's');
    })
    .join(' ');
}

/** Whether two names are one place as written: same key, or same skeleton of a name long enough for that to mean something. */
export function samePlaceName(a: string, b: string): boolean {
  const ka = placeKey(a);
  const kb = placeKey(b);
  if (!ka || !kb) return false;
  if (ka === kb) return true;
  const sa = placeSkeleton(ka);
  return sa.replace(/\s/g, '').length >= 3 && sa === placeSkeleton(kb);
}

/** Whether one name's words hold the other's ("al-Asad Airbase" and "Ain al-Asad" share "asad"). */
export function overlappingPlaceNames(a: string, b: string): boolean {
  const wa = placeKey(a).split(' ').filter((w) => w.length >= 3);
  const wb = new Set(placeKey(b).split(' ').filter((w) => w.length >= 3));
  if (wa.length === 0 || wb.size === 0) return false;
  const shorter = wa.length <= wb.size ? wa : [...wb];
  const longer = wa.length <= wb.size ? wb : new Set(wa);
  return shorter.every((w) => longer.has(w));
}
