/**
 * The places a sentence names: capitalised names after "in", "at", "near", "on" …, names that end
 * in a kind of place ("… Air Base", "… Oblast"), and towns and countries the gazetteer knows. Each
 * is ranked by how specific it is (a site, a town, a region, a country) so the report can keep the
 * most specific as its place and the rest beside it.
 */
import type { Gazetteer } from './gazetteer.js';
import type { GazetteerEntry } from './types.js';
import { placeKey } from './place-key.js';

export interface PlaceCandidate {
  /** Offsets in the sentence. */
  start: number;
  end: number;
  text: string;
  key: string;
  /** 4 site, 3 town, 2 region, 1 country. */
  level: 1 | 2 | 3 | 4;
  /** Written after "in", "at", "near" …: where something happened, not a name in passing. */
  locative: boolean;
  /** Right after its preposition or verb ("in Silvia", "near the town of Barah", "targeted Erbil"), not only near one ("in clashes between the Misak"). */
  direct: boolean;
  /**
   * Written as where the event itself happened: after the event word and its preposition ("the
   * attack in Jordan", "rockets fired into northern Israel"), as the object of an attack verb ("struck
   * Poland"), or before the event word ("the Kyiv strike").
   */
  governed: boolean;
  gazetteer?: GazetteerEntry;
  country?: string;
}

const CONNECTOR = "(?:al|el|ad|ash|az|ar|en|an|es|et|de|del|do|dos|di|da|du|bin|ibn|ben|wal|ul)";
const WORD = "U\\.S\\.|U\\.K\\.|(?:(?:al|el|ad|an|as|ash|at|az|ar|ez|es|ed|et|en|ul|ur|um)-)?\\p{Lu}[\\p{L}\\p{M}'’]+(?:-\\p{L}[\\p{L}\\p{M}'’]*)*|\\d{1,3}";
/** A run of capitalised words, with the small words names hold ("Deir Qanoun an-Naher", "Port of Sudan"). */
const NAME = new RegExp(`(?:${WORD})(?:\\s+(?:${CONNECTOR}\\s+)?(?:${WORD}))*`, 'gu');

/** Kinds of place a name can end with. */
const SITE_END = /\b(?:Air\s?[Bb]ase|Airbase|Airport|Airfield|Base|Camp|Facility|Complex|Depot|Barracks|Shipyard|Hospital|Market|Square|Street|Bridge|Plant|Refinery|Station|School|Mosque|Church|Synagogue|Embassy|Hotel|Port|Palace|Prison|Stadium|Checkpoint|Crossing|Mall|Park|Plaza|Beach|Club|Bar|Cafe|Café|Restaurant|Theat(?:er|re)|Cinema|Museum|Temple|Cathedral|Tower \d+)$|^(?:Kibbutz|Fort|Camp|Moshav)\s/;
const REGION_END = /\b(?:Oblast|Province|Region|Governorate|District|County|State|Krai|Valley|Strip|Bank|Peninsula|Territory|Kurdistan|Sea|Gulf|Strait|Ocean|Desert|Heights|Coast|East|West)$/;
/** Lower-case kinds that follow a name ("Donetsk region", "Kharkiv province"): kept in the span. */
const TRAILING_KIND =
  /^\s+(?:region|province|oblast|district|subdistrict|governorate|area|city|town|village|commune|municipality|(?:county|state)(?!\s+(?:[A-Z]\w*|police|troopers|media|officials?|government|lawmakers|legislat\w+|senat\w+|house|television|tv|run|owned|of)\b)|border)\b/;
/** Lower-case kinds of site that follow a name ("the Sevmorzavod shipyard", "Dado military base"): kept in the span. */
const TRAILING_SITE = /^\s+(?:(?:military|naval|air|army|oil|power|nuclear|refugee)\s+)?(?:base|air base|airbase|airport|airfield|shipyard|refinery|plant|camp|hospital|dam|depot|terminal|outpost|compound|checkpoint|crossing|junction)\b/;
/** Compass and state words written before a place ("southern Lebanon", "occupied Crimea"): kept in the span. */
const LEADING_WORDS = /(?:(?<![\p{L}-])(?:northern|southern|eastern|western|central|northeastern|northwestern|southeastern|southwestern|north|south|east|west|occupied|besieged)\s+)+$/iu;
/** Words before a name that make it a place. */
const LOCATIVE =
  /(?:\b(?:in|at|near|on|outside|across|over|into|toward|towards|around|off|inside|throughout|entrance to|outskirts of|edge of|cent(?:er|re) of|heart of|(?:north|south|east|west)(?:east|west)? of)\s+(?:the\s+)?|\bthe\s+)(?:(?:port|border|frontier|coastal|small|mining|industrial|key|strategic|northern|southern|eastern|western|central|occupied|besieged|embattled|[A-Z][a-z]+(?:-[a-z]+)?)\s+)*(?:(?:city|town|village|province|region|port|district|capital|suburb|neighbou?rhood|municipality|area|camp|refugee camp)\s+of\s+)?$/;
/** "the town of Barah", "the southern Gaza city of Khan Younis": what follows is a place whatever comes before. */
const PLACE_OF = /\b(?:city|town|village|province|region|port|district|capital|suburb|neighbou?rhood|municipality|area|camp)\s+of\s+$/i;
/**
 * The present tense of a plural subject, as news digests write ("Israeli jets strike the Natanz Nuclear
 * Facility", "Russian forces shell Kherson"): a verb only when no determiner comes just before it ("the
 * strike Israel carried out" names who struck, not where).
 */
const PRESENT_ATTACK_VERB = String.raw`(?<!\b(?:the|a|an|this|that|its|their|his|her)\s+(?:[\w'’-]+\s+)?)(?:strike|target|attack|bomb|shell|pound)`;
/** Verbs whose object may be a place ("Drones target Erbil") — or a people ("targeting Christians"): a known town only. */
const VERB_LOCATIVE = new RegExp(String.raw`\b(?:hit|hits|hitting|struck|strikes|targeted|targeting|targets|pounded|pounding|shelled|bombed|${PRESENT_ATTACK_VERB})\s+(?:the\s+)?$`, 'i');

/** Adjectives and kinds of place written between an event's preposition and its place ("on the northeastern region of Kharkiv"). */
const BETWEEN_EVENT_AND_PLACE = "(?:the\\s+)?(?:(?:northern|southern|eastern|western|central|north|south|east|west|northeastern|northwestern|southeastern|southwestern|occupied|besieged|embattled|port|border|frontier|coastal|capital|small|key|strategic)\\s+)*(?:(?:city|town|village|province|region|port|district|capital|suburb|neighbou?rhood|municipality|area|camp|refugee camp)\\s+of\\s+(?:the\\s+)?)?";
/** The event word and its preposition, or an attack verb, right before a place: where the event happened. */
const EVENT_BEFORE = new RegExp(
  "(?:\\b(?:attacks?|strikes?|airstrikes?|air\\s+strikes?|bombings?|bombardments?|shelling|explosions?|blasts?|raids?|assaults?|ambush(?:es)?|shootings?|incursions?|offensive)\\s+(?:on|in|at|against|near|into|targeting|across|within)\\s+" +
    "|\\b(?:attacked|struck|hit|bombed|shelled|targeted|killed|wounded|injured|damaged|exploded|detonated)\\s+(?:in|at|near|inside)\\s+" +
    "|\\b(?:fired|launched|dropped|sent)\\s+(?:[\\w'’-]+\\s+){0,5}?(?:at|on|into|towards?|against)\\s+" +
    "|\\b(?:struck|strikes|hit|hits|targeted|targeting|targets|bombed|shelled|pounded|attacked|attacks|raided|stormed|" + PRESENT_ATTACK_VERB + ")\\s+)" +
    BETWEEN_EVENT_AND_PLACE + "$",
  'i',
);
/** A preposition of place right before a name. */
const DIRECT_BEFORE = new RegExp("\\b(?:in|at|near|on|outside|across|over|into|toward|towards|around|off|inside|throughout|within)\\s+" + BETWEEN_EVENT_AND_PLACE + "$", 'i');
/** A place written as the event word's modifier: "the Middle East drone attacks", "the Kyiv strike". */
const EVENT_AFTER = /^(?:['’]s)?\s+(?:(?:drone|missile|rocket|air|suicide|car|truck|bomb)\s+)?(?:attacks?|strikes?|airstrikes?|bombings?|shelling|explosions?|blasts?|raids?|shooting)\b/i;

/** Capitalised words that are never places: people's titles, groups, outlets, days, months. */
const NEVER_PLACE = new Set(
  [
    ...'jan feb mar apr jun jul aug sep sept oct nov dec spring summer fall autumn winter'.split(' '),
    ...'hamas hezbollah houthis houthi idf irgc isis isil nato un u.n. eu centcom pentagon kremlin congress telegram facebook x reuters ap bbc cnn afp tass god'.split(' '),
    ...'monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october november december'.split(' '),
    ...'president prime minister secretary general the a an it he she they we this that these those there'.split(' '),
    'white house', 'state department', 'associated press', 'al jazeera', 'usa today', 'islamic state', 'taliban', 'wagner',
    // Feasts and holidays: a day, not a place ("the raid took place on Yom Kippur").
    ...'christmas easter ramadan eid passover hanukkah diwali thanksgiving'.split(' '), 'yom kippur', 'new year', "new year's eve",
  ],
);
const ORGANISATION_END = /\b(?:Ministry|Forces|Force|Army|Navy|Police|Council|Agency|Committee|Command|Guard|Corps|Brigades?|Movement|Group|Party|Front|Organi[sz]ation|Office|Department|Service|News|Press|Times|Post|Journal|Crescent|Cross|Nations|Union|Court|Network|TV|Media|Forum|Institute|Commission|Authority|Government|Administration|Fleet|Division|Regiment|Battalion|Company|Bureau|Observatory|Center|Centre|Technologies|Inc|Corp|University|College|Foundation|Fund|Bank|Program|Programme|Project|Treaty|Charter|Convention|Accords?|Pact|Protocol)$/;
/** "the Atomic Energy Organization of Iran", "the University of Baghdad": a name after an organisation's "of" is part of the organisation's. */
const ORGANISATION_OF = /\b(?:Organi[sz]ation|Ministry|Agency|Bank|University|Council|Office|Department|Authority|Commission|Institute|Academy|Parliament|Assembly|Court|Federation|Chamber|Coalition|Foundation|Society|Association)\s+of\s+(?:the\s+)?$/;
/** A person's title inside the words: a name, not a place ("Ukrainian President Volodymyr Zelenskyy"). */
const TITLE_WORD = /\b(?:President|Minister|Ambassador|Secretary|Gen|General|Director|Sen|Senator|Rep|Governor|Gov|Mayor|Commander|Chief|Spokesman|Spokeswoman|Spokesperson|King|Prince(?! Sultan| Hassan)|Sheikh(?! Isa)|Pope|Dr|Mr|Mrs|Ms|Col|Lt|Maj|Capt|Sgt)\b\.?/;
/** "Israeli", "Lebanese", "Ukrainian": words about a people, not a place. */
const DEMONYM =
  /^(?:\p{Lu}\p{Ll}+(?:i|ian|ean|ese|ish|ic)|American|Afghan|Mexican|German|Moroccan|Cuban|Dominican|Druze|Alawite|Kurds?|Arabs?|Muslims?|Sunnis?|Shias?|Shiites?|French|Dutch|Greek|Thai|Filipino|Jews)$/u;

function isNeverPlace(text: string, namedAsPlace = false): boolean {
  const lower = text.toLowerCase();
  if (NEVER_PLACE.has(lower)) return true;
  const first = lower.split(/\s+/)[0]!;
  if (NEVER_PLACE.has(first) && !/^(?:al|el)-/.test(first) && !namedAsPlace) return true;
  return ORGANISATION_END.test(text) || (TITLE_WORD.test(text) && !namedAsPlace) || NOT_A_NAME_OF_PLACE.test(text);
}

/** Whether the place at `start`–`end` of `sentence` is written as where the event happened. */
function isGoverned(sentence: string, start: number, end: number): boolean {
  return EVENT_BEFORE.test(sentence.slice(Math.max(0, start - 80), start)) || EVENT_AFTER.test(sentence.slice(end, end + 40));
}

/** "Valentines Day", "Russian-occupied", "Panama-flagged", "ICC": a day, a word about who holds a place or whose flag a ship flies, an acronym (a country's is known to the gazetteer). */
const NOT_A_NAME_OF_PLACE = /\sDay$|-(?:occupied|held|controlled|backed|led|allied|annexed|run|flagged)$|^\p{Lu}{2,5}$/u;
/** After a name: it launched the attack, or the attack is its own ("… launched a wave of strikes", "…'s biggest air attack"). */
const GOVERNMENT_ATTACKS = /^(?:\s+(?:has\s+|had\s+)?(?:launched|unleashed|fired|sent)\s+(?:a|an|its|another|dozens|hundreds|\d|(?:missile|drone|rocket|air)s?\b|(?:air ?)?strikes\b|attacks\b)|['’]s\s+(?:(?:biggest|largest|heaviest|latest|first|new|massive|deadly|overnight|full-scale|retaliatory|sweeping|suspected|military|air|drone|missile|rocket|ground)\s+){0,3}(?:attacks?|strikes?|air\s+strikes?|airstrikes?|bombardment|barrage|offensive|invasion|assault)\b)/i;
/** "the landing ship Minsk", "the destroyer USS Carney": a vessel's name, not a place. */
const VESSEL_BEFORE = /\b(?:ship|submarine|vessel|frigate|destroyer|tanker|carrier|cruiser|boat|warship|freighter|corvette)(?:s?,)?\s+$/i;

/** "Strait of Hormuz", "Gulf of Aden", "Port of Sudan": a kind of place, "of", and its name. */
const KIND_OF_NAME = /\b(?:Strait|Straits|Gulf|Bay|Sea|Isle|Island|Islands|Cape|Lake|Mount|Port)\s+of\s+(?:the\s+)?\p{Lu}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]*)*/gu;

/** ", Sudan", ", Kwara State, Nigeria": a name followed by the country it is in is a town of it ("targets Al Dabbah, Sudan"), though the gazetteer lacks it. */
const COUNTRY_AFTER = /^,\s+(?:\p{Lu}[\p{L}'’-]*(?:\s+(?:\p{Lu}[\p{L}'’-]*|del|de|al|el|du|da|of)){0,3},\s+)?(\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,3}?)(?=[,.;:]|\s+(?:and|on|after|as|where|in)\b|$)/u;

function inCountry(after: string, gazetteer: Gazetteer | undefined): boolean {
  const m = gazetteer ? COUNTRY_AFTER.exec(after) : null;
  return m !== null && gazetteer!.country(m[1]!) !== undefined;
}

const ALL_DIGITS = /^\d+$/;

/**
 * After a country's name (its "'s" too): its people, forces, bases, officials or acts ("a US military
 * official", "Israel's military said", "U.S. bases across the Middle East"), not a place. ("The Iran attack"
 * may be on Iran, so an attack word alone does not make the country its owner; "strikes" always has.)
 */
const COUNTRY_AS_OWNER =
  /^(?:['’]s)?\s+(?:military|officials?|forces|troops|soldiers|service\s?members|personnel|government|army|navy|president|defen[cs]e|air force|strikes?|airstrikes?|drones?|missiles?|warplanes|jets|warships?|bases?|allies|embassy|ambassador|envoy|diplomats?|delegation|intelligence|authorities|media|state media|sanctions|aid|citizens|nationals)\b/i;
/** After any name: an armed force named by it ("Somaliland forces", "Gaza militants"). */
const FORCE_AFTER = /^\s+(?:forces|troops|soldiers|militants|fighters|militiamen|gunmen)\b/;

/** Places named in `sentence`, in order; `gazetteer` may be omitted (names are then kept as written). */
export function findPlaces(sentence: string, gazetteer?: Gazetteer): PlaceCandidate[] {
  const out: PlaceCandidate[] = [];
  const taken: Array<[number, number]> = [];
  for (const m of sentence.matchAll(KIND_OF_NAME)) {
    const text = m[0];
    const key = placeKey(text);
    if (!key) continue;
    const before = sentence.slice(Math.max(0, m.index - 60), m.index);
    out.push({ start: m.index, end: m.index + text.length, text, key, level: text.startsWith('Port') ? 4 : 2, locative: LOCATIVE.test(before), direct: DIRECT_BEFORE.test(before), governed: isGoverned(sentence, m.index, m.index + text.length) });
    taken.push([m.index, m.index + text.length]);
  }
  for (const m of sentence.matchAll(NAME)) {
    // A number alone ("26", "2024") is no name, whatever is around it (the tests below all come to that).
    if (ALL_DIGITS.test(m[0])) continue;
    if (taken.some(([a, b]) => m.index < b && m.index + m[0].length > a)) continue;
    // A number belongs to a name only after a word like "Tower" ("Tower 22"), not in "the Gaza Strip 90 days".
    let text = m[0].replace(/['’]s$/, '').replace(/(?<!\b(?:Tower|Route|Highway|Gate|Post|Outpost|Base|Camp|Block|Sector))\s+\d{1,3}$/, '');
    let start = m.index;
    // "WASHINGTON —", "KYIV, Aug 27 (Reuters) -": a dateline says where the reporter is, not where it happened.
    if (m.index === 0 && /^\p{Lu}{2,}(?:[\s-]\p{Lu}{2,})*$/u.test(text) && /^\s*(?:[—–−-]|,|\()/.test(sentence.slice(text.length))) continue;
    // "Israel Saturday": a day or month written after a name is not part of it.
    text = text.replace(/\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December)$/, '');
    // "Russia's Kursk region", "Russia-occupied Crimea", "Gaza City's Kuwait Square", "NATO-member Poland": the place is what follows.
    const owner = /^(?!(?:The|In|At|On|Near|From|A|An)\s)(?:\p{Lu}[\p{L}.]*\s+){0,2}\p{Lu}[\p{L}.]*(?:['’]s|-(?:occupied|held|controlled|backed|annexed|member))\s+(?=\p{Lu})/u.exec(text);
    // "New Year's Eve", "Cornell University's School of …": a feast or an organisation, whole, is no owner of a place.
    if (owner && isNeverPlace(text)) continue;
    if (owner) {
      text = text.slice(owner[0].length);
      start += owner[0].length;
    }
    // Sentence-initial "The", "In" and the like are not part of the name; "In Odesa, …" says where.
    const lead = /^(?:The|In|At|On|Near|From|A|An)\s+/.exec(text);
    const leadLocative = lead !== null && /^(?:In|At|Near|On)\s/.test(lead[0]);
    if (lead) {
      text = text.slice(lead[0].length);
      start += lead[0].length;
    }
    // What is written before the whole name, owner included ("an attack at Berlin's Breitscheidplatz").
    const before = sentence.slice(Math.max(0, m.index - 60), m.index);
    // "the municipality of General Terán": after "the town of", a title word is part of the town's name.
    if (!text || /^\d+$/.test(text) || isNeverPlace(text, PLACE_OF.test(before))) continue;
    if (VESSEL_BEFORE.test(sentence.slice(Math.max(0, start - 20), start)) || ORGANISATION_OF.test(sentence.slice(Math.max(0, start - 40), start))) continue;
    // "Moscow launched a series of strikes", "Moscow's biggest air attack": a capital named for its government, the attacker, not where.
    if (GOVERNMENT_ATTACKS.test(sentence.slice(start + text.length, start + text.length + 50))) continue;
    // "Israel said …", "according to Kyiv": a government speaking, not a place.
    if (/^\s*(?:said|says|say|claimed|claims|announced|reported|reports|accused|accuses|denied|denies|blamed|blames|warned|vowed|confirmed)\b/.test(sentence.slice(start + text.length)) || /\baccording to\s+$/i.test(sentence.slice(Math.max(0, start - 14), start))) continue;
    let end = start + text.length;
    // "Most of Wednesday's strikes …": a sentence's first word before "of" is a word, whatever town bears its name.
    if (start === 0 && !text.includes(' ') && /^\s+of\s/.test(sentence.slice(end))) continue;
    const country = gazetteer?.country(text);
    const town = country ? undefined : gazetteer?.town(text);
    // "a US military official", "Israeli strikes", "Iran's embassy in Damascus": a country's name used of its people or its mission, not as a place.
    if (country && /^['’]s\s+(?:embassy|consulate|ambassador|envoy|delegation|mission)\b/i.test(sentence.slice(start + text.length))) continue;
    if (country && COUNTRY_AS_OWNER.test(sentence.slice(start + text.length))) continue;
    // "Somaliland forces", "Gaza militants": a name an armed force is named by is whose force, not where.
    if (!country && FORCE_AFTER.test(sentence.slice(start + text.length)) && !PLACE_OF.test(before)) continue;
    // "Venezuelan", "Kurdish": a people's word, unless the gazetteer knows a town of that name ("Tehran").
    // "the Shati refugee camp", "the Abdali area": a name a kind of place follows is that place's, whatever its ending.
    const kindFollows = /^\s+(?:refugee\s+)?(?:camp|neighbou?rhood|district|village|area|region|province|governorate|municipality|commune)\b(?!\s+of\b)/.test(sentence.slice(end));
    // "the village of Solokhi": after a kind of place and "of", a name ending like a people's word is still the place's.
    const isDemonym = !country && !town && !kindFollows && !PLACE_OF.test(before) && (DEMONYM.test(text) || /^\p{Lu}\p{Ll}+an$/u.test(text));
    if (isDemonym) continue;
    const locative = leadLocative || (LOCATIVE.test(before) && /\b(?:in|at|near|on|outside|across|over|into|toward|towards|around|off|inside|throughout|to|of)\s+(?:the\s+)?(?:[\w-]+\s+){0,4}$/i.test(before)) || PLACE_OF.test(before) || (VERB_LOCATIVE.test(before) && (town !== undefined || SITE_END.test(text)));
    let trailing = TRAILING_KIND.exec(sentence.slice(end)) ?? TRAILING_SITE.exec(sentence.slice(end));
    // "the Lebanon-Israel border" is a place of its own; "the Gaza border" is Gaza's, told as Gaza.
    if (trailing && /border$/.test(trailing[0]) && !/\p{L}-\p{Lu}/u.test(text)) trailing = null;
    const site = trailing !== null && TRAILING_SITE.test(trailing[0]);
    // "a U.S. base", "an Iranian-run camp": whose base it is, not where.
    if (site && country) continue;
    let level: PlaceCandidate['level'];
    if (SITE_END.test(text) || site) level = 4;
    // "Ivory Coast" is a country; "Gaza Strip", "West Bank" stay regions though the gazetteer puts them in one.
    else if ((REGION_END.test(text) && !(country && !/\b(?:Strip|Bank)$/.test(text))) || trailing) level = 2;
    else if (country) level = 1;
    else if (town && (locative || town.population >= 50_000 || (VERB_LOCATIVE.test(before) && town.population >= 20_000))) level = 3;
    else if (locative && start > 0) level = 3;
    // The first of "Karnoi, North Darfur, Sudan", not the region or country after it.
    else if (!country && start > 0 && !/,\s*$/.test(sentence.slice(0, start)) && inCountry(sentence.slice(end), gazetteer)) level = 3;
    else continue;
    if (trailing) end += trailing[0].length;
    const leading = LEADING_WORDS.exec(sentence.slice(Math.max(0, start - 40), start));
    if (leading) start -= leading[0].length;
    const written = sentence.slice(start, end);
    const candidate: PlaceCandidate = { start, end, text: written, key: placeKey(written), level, locative, direct: leadLocative || DIRECT_BEFORE.test(before) || PLACE_OF.test(before) || VERB_LOCATIVE.test(before), governed: isGoverned(sentence, start, end) || isGoverned(sentence, m.index, end) };
    if (town && level >= 2) candidate.gazetteer = town;
    if (country) candidate.country = country;
    if (candidate.key) out.push(candidate);
  }
  return out.sort((a, b) => a.start - b.start);
}

/**
 * The place of the event first, then the rest by specificity. When the sentence writes a place as
 * the event's own ("the attack in Jordan", "a missile attack in the Strait of Hormuz"), that place
 * or a more specific one the gazetteer puts inside it ("drone attacks on the United Arab Emirates,
 * killing a man in Abu Dhabi") comes first, ahead of places named for something else ("repairs in
 * Dubai after …"). Otherwise, and for the rest: the most specific (site, town, region, country); among
 * equals one written after "in", "at" … first (right after it before one only near it), then the earlier.
 */
export function rankPlaces(candidates: PlaceCandidate[]): PlaceCandidate[] {
  const bySpecificity = [...candidates].sort(
    (a, b) => b.level - a.level || Number(b.locative) - Number(a.locative) || Number(b.direct) - Number(a.direct) || a.start - b.start,
  );
  const governed = candidates.filter((c) => c.governed);
  if (governed.length === 0) return bySpecificity;
  // A town or region inside the country struck is of the event; a site inside it only when written where something happened, not in passing ("forcing the closure of Dubai International Airport").
  const ofTheEvent = bySpecificity.filter((c) => c.governed || ((c.level < 4 || c.locative) && governed.some((g) => isInside(c, g))));
  return [...ofTheEvent, ...bySpecificity.filter((c) => !ofTheEvent.includes(c))];
}

/** Whether the gazetteer puts town `c` inside country `outer` (the only containment it knows). */
function isInside(c: PlaceCandidate, outer: PlaceCandidate): boolean {
  return outer.level === 1 && outer.country !== undefined && c.level > 1 && c.gazetteer?.country === outer.country;
}
