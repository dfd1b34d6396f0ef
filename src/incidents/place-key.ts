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

/** What names are compared by, worked out once per name: the same names meet again and again. */
interface NameParts {
  key: string;
  skeleton: string;
  /** Skeleton without spaces, long enough (3 letters or more) for a match by it to mean something. */
  skeletonCounts: boolean;
  /** The key's words of three letters or more. */
  words: Set<string>;
  /** `placeNameTokens`, made on first use. */
  tokens?: readonly string[];
}
const parts = new Map<string, NameParts>();

function partsOf(name: string): NameParts {
  let p = parts.get(name);
  if (!p) {
    if (parts.size >= MAX_KEYS) parts.clear();
    const key = placeKey(name);
    const skeleton = placeSkeleton(key);
    p = { key, skeleton, skeletonCounts: skeleton.replace(/\s/g, '').length >= 3, words: new Set(key.split(' ').filter((w) => w.length >= 3)) };
    parts.set(name, p);
  }
  return p;
}

/**
 * What two names must share for `samePlaceName` or `overlappingPlaceNames` to hold of them: the key,
 * the skeleton (when it counts) or a word. Two names with no token in common are neither.
 */
export function placeNameTokens(name: string): readonly string[] {
  const p = partsOf(name);
  if (!p.tokens) {
    const out: string[] = [];
    if (p.key) {
      out.push(`k:${p.key}`);
      if (p.skeletonCounts) out.push(`s:${p.skeleton}`);
      for (const w of p.words) out.push(`w:${w}`);
    }
    // The same strings each time: a map that looks them up hashes each once.
    p.tokens = out;
  }
  return p.tokens;
}

/** Whether two names are one place as written: same key, or same skeleton of a name long enough for that to mean something. */
export function samePlaceName(a: string, b: string): boolean {
  const pa = partsOf(a);
  const pb = partsOf(b);
  if (!pa.key || !pb.key) return false;
  if (pa.key === pb.key) return true;
  return pa.skeletonCounts && pa.skeleton === pb.skeleton;
}

/** Whether one name's words hold the other's ("al-Asad Airbase" and "Ain al-Asad" share "asad"). */
export function overlappingPlaceNames(a: string, b: string): boolean {
  const wa = partsOf(a).words;
  const wb = partsOf(b).words;
  if (wa.size === 0 || wb.size === 0) return false;
  const [shorter, longer] = wa.size <= wb.size ? [wa, wb] : [wb, wa];
  for (const w of shorter) if (!longer.has(w)) return false;
  return true;
}
