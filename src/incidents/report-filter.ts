/**
 * Whether a sentence reports an incident at all, before its fields are read: not a running total, a
 * threat or plan, a test, a launch, a disaster, an accident, a hack, an interception alone or a
 * heading; told of one event rather than of attacks in general. Pure tests on the sentence's words
 * and, for `isReport`, on what `readReport` found (a figure, a day of its own).
 */
import { DENIED, DONE, EVENT } from './event-words.js';
import { followsOnly, KILLED_IN_COMBAT, WEAPONS_FELL } from './event-forms.js';
import { attackInWordsOnly, causedOnly, countSince, imaginedOnly, reactionOnly, warStartOnly } from './frame-forms.js';
import { anyAttackOnly, killedWhereOrWhen, saidOfOnly, stoppedOnly, TARGETS_COUNTED, toldAtPlace } from './recalled-forms.js';
import type { PlaceCandidate } from './places.js';

/** A count running over time, not one event: "since Oct. 7", "so far this year", "the death toll". */
const RUNNING_TOTAL =
  /\b(?:since (?:the (?:start|beginning|onset|outbreak)|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d)|so far this year|this year|death toll|toll (?:has )?(?:risen|rose|rises)|in total|a total of|cumulative|more than \d[\d,]* (?:attacks|(?:air ?)?strikes|raids)|\d[\d,]* attacks|(?:dozens|hundreds|thousands|scores) of (?:(?:missile|drone|rocket|air|artillery|and|suicide|terrorist|deadly)\s+){0,3}(?:attacks|(?:air ?)?strikes|raids|bombs)|every day|each day|daily|repeatedly|regularly|for months|for weeks|in recent (?:weeks|months|days)|over the (?:past|last) (?:\w+ )?(?:days?|weeks?|months?|years?)|ha(?:ve|s) been (?:\w+ly )?\w+ing|as of|since (?:the )?(?:[\w-]+ )?(?:fighting|hostilities|violence|insurgency|unrest) (?:broke out|began|erupted|started|flared)|(?:are|is) (?:\w+ly )?(?:attacking|striking|shelling|bombing|raiding|targeting)|(?:attacks|strikes|assault|war|offensive|bombardment|campaign)\b[^.;]{0,60}\bha(?:ve|s) killed)\b|\bha(?:ve|s) (?:also |now |reportedly )?been killed\b(?!.*\b(?:in|by) (?:an?|the) (?:[\w-]+ ){0,2}(?:attack|strike|airstrike|bombing|explosion|shelling|raid|blast)s?\b)/i;
/**
 * A count since a war began ("killed … since the war began", "Since the Israel-Hamas war, … have
 * conducted"), unless an event is measured against it ("the deadliest attack since the war began") or
 * told beside it ("… since the Israeli invasion that followed a Hamas-led attack that killed almost
 * 1,200", "Three people are injured after …, increasing the total since the start of the war").
 */
const SINCE_WAR = /\bsince the (?:[\w-]+ ){0,2}?(?:war|conflict|invasion)\b/i;
const EVENT_BESIDE_COUNT = /\b(?:attack|assault|strike|raid|bombing)\s+(?:that|which)\s+(?:killed|left|wounded|injured)\b|\b(?:injured|killed|wounded)\s+after\b/i;
/** "175 people have died as a result of the air attacks": a count, like "have been killed" (unless an event is told beside it). */
const HAVE_DIED = /\bha(?:ve|s) (?:also |now |reportedly )?died\b(?!.*\b(?:in|by) (?:an?|the) (?:[\w-]+ ){0,2}(?:attack|strike|airstrike|bombing|explosion|shelling|raid|blast)s?\b)/i;
const SUPERLATIVE_SINCE = /\b(?:deadliest|largest|biggest|worst|heaviest|first|most|latest|fiercest|strongest)\b[^.;]{0,80}\bsince\b/i;
/** Threats, plans and what-ifs: a potential or imminent attack (not a strike on an imminent threat), weapons capable of hitting, a treaty's "an attack on one is an attack on all". */
const NOT_DONE = /\b(?:(?:order|forbid|forbade|allow|permit|authori[sz]e|approve|urge|ask)\w* [\w\s]{1,40}? to (?:hit|strike|attack|retaliate|use)|threaten\w*|vow\w*|plot\w*|foil\w*|thwart\w*|plan(?:s|ned|ning)? (?:to|an?)|prepar\w* (?:for|to|an?)|would|could|might|will|if|deter\w*|warn\w*|for example|for instance|learn\w* (?:how )?to|train\w* (?:on|to|with)|(?:a|an|the|of) (?:potential|imminent|possible) (?:[\w'’-]+ ){0,2}?(?:attacks?|strikes?|airstrikes?|air strikes?|assaults?|invasion|war|retaliation|targets?)|potential for|capable of|(?:threat|risk|danger)s? of (?:an?|further|more|new|fresh) (?:[\w'’-]+ ){0,3}?(?:attacks?|strikes?|airstrikes?)|protect(?:s|ed|ing)?\s+(?:[\w'’-]+\s+){1,3}?(?:from|against)\s+(?:[\w-]+\s+){0,2}?(?:attacks|strikes|missiles|rockets|drones)|prevent\w*\s+(?:[\w'’-]+\s+){0,4}?from\s+(?:targeting|attacking|firing|launching|striking|carrying out)|designed to (?:counter|intercept|destroy|shoot down)|defen[cs]es?\s+against|defend\w*\s+(?:[\w'’-]+\s+){0,3}?against|to counter|used (?:by [\w'’-]+ )?to (?:carry out|launch|stage|conduct|mount)|(?:an )?attack on (?:any )?one (?:\w+ )?(?:is )?(?:an )?attack (?:on|against) (?:them )?all)\b/i;
/** A trailing clause of what else is said or done: ", while the militant group vows to retaliate". */
const WHILE_CLAUSE = /,\s+(?:while|whereas)\s+[^,;]+[.!]?$/i;
/** A later clause of what someone vowed, warned or said would happen: ", as it vowed to destroy …", "after the mayor warned of …", "and that could lead to …". */
const LATER_THREAT = /(?<=\b(?:killed|hit|hitting|struck|destroyed|leveled|levelled|blowing up|launched|wounded|injured)\b[^]*?)(?:,\s*|\s+)(?:as|after|and that|that)\s+(?:[\w'’.-]+\s+){0,6}?(?:vow\w*|warn\w*|could|would|might|threaten\w*)\b[^]*$/i;
/** A count of one night or one day's strikes is that episode's toll: "strikes across the country over the past day have killed seven", "killed in overnight strikes". */
const ONE_NIGHT = /\b(?:overnight|over the (?:past|last) (?:day|night|24 hours)|in the (?:past|last|previous) 24 hours)\b/i;
/** What may happen, however dated: "an attack could happen soon", "a potential attack". */
const MAYBE = /\b(?:could|might|potential|possible|possibly|imminent|capable|plann?\w*|prepar\w*|threat\w*|vow\w*|warn\w*|expect\w*)\b/i;
/** Weapons that hit nothing: "neither missile hits the base", "none of the drones reached", "failed to hit its target". */
const MISSED = /\b(?:(?:neither|none of the|no)\s+(?:[\w-]+\s+){0,2}?(?:hits?|struck|reached|reaches)|fail(?:s|ed|ing)?\s+to\s+(?:hit|reach|strike)|missed\s+(?:its|their)\s+targets?)\b/i;
const INTERCEPTED = /\b(?:intercept\w*|shot down|shoots? down|downed|destroyed in (?:the )?air)\b/i;
const DAMAGE = /\b(?:hit|hits|struck|damag\w*|killed|kill|injur\w*|wound\w*|fell|debris|shrapnel|exploded|explosion)\b/i;
/**
 * The attack told beside its interception: "shot down 28 drones during a Houthi attack", "… as Tehran
 * launched a massive revenge attack", "used drones to attack two airfields", "Drones target Erbil, with
 * six reported intercepted".
 */
const ATTACK_BESIDE =
  /\b(?:(?:during|in|amid)\s+(?:a|an|the|its|their|[\p{Lu}][\p{L}.-]*['’]s)\s+(?:[\w'’-]+\s+){0,3}?(?:attack|assault|barrage)|launch(?:ed|es)?\s+(?:a|an)\s+(?:[\w'’-]+\s+){0,3}?(?:attack|assault|barrage)|(?:used|sent|launched|fired)\s+(?:\d[\d,]*\s+|\w+\s+)?(?:drones|missiles|rockets|UAVs)\s+to\s+(?:attack|target|strike|hit)|(?:drones|missiles|rockets|UAVs)\s+(?:target(?:ed)?|attack(?:ed)?)\s+(?=\p{Lu}))/iu;
/** "18 out of 23 … were intercepted", "intercepted 8 of 10": some got through. */
function someGotThrough(sentence: string): boolean {
  for (const m of sentence.matchAll(/\b(\d+)\s+(?:out\s+)?of\s+(?:the\s+)?(\d+)\b/g)) if (Number(m[1]) < Number(m[2])) return true;
  return false;
}
/** Tests, drills and launches into the sea: weapons fired at no one. */
const TEST = /\b(?:missile tests?|weapons? tests?|tests? of (?:its |their |new |\w+-range )*(?:weapons|missiles)|tested|test-fir\w*|test launch\w*|drills?|military exercises?|live[- ]fire (?:exercises?|drills?|training)|missile (?:launch|firing)s?\b(?!\s+(?:sites?|pads?|facilit\w*|positions|launchers?))|(?:fired|launched|fires|launches) (?:an? |two |three |\w+ )?(?:(?:short|medium|long|intermediate)-range )?(?:ballistic |cruise )?missiles? (?:off|into the (?:sea|waters)))\b/i;
/** Off the coast: a launch into the sea, unless something was hit there ("struck a vessel off the coast"). */
const OFF_COAST = /\boff the (?:\w+ )?coast\b/i;
/**
 * A test told by where its missiles were sent or how far they flew ("fired two ballistic missiles from
 * the … area to the waters off the coast", "had a flight range of about 350 kilometers"): a launch at no one.
 */
const SENT_TO_SEA = /\b(?:fired|launched|fires|launches)\s+(?:[\w-]+\s+){0,5}?missiles?\s+(?:[\w’'-]+\s+){0,8}?(?:into|to|toward|towards)\s+the\s+(?:sea|waters)\b|\bmissiles?\b[^.;]{0,80}\b(?:flight range|flew (?:about |some |around |nearly )?\d[\d,]*\s*(?:km|kilometers|kilometres|miles)|(?:an |maximum )?altitude of|apogee)\b/i;
/** Space flight: rockets that carry people and payloads, not warheads (names in their own case: "the Nasa people" is no agency). */
const SPACEFLIGHT = /\b(?:spacecraft|spaceflight|spaceport|space (?:station|center|centre|port|agency|launch system|coast|force station|tourists?|exploration|capsule)|astronauts?|cosmonauts?|orbit(?:al|s|ing)?|lunar|moon|satellites?|launch ?pad|boosters?|payloads?|lift-?off|splashdown)\b/i;
const SPACE_NAMES = /\b(?:NASA|SpaceX|Blue Origin|Roscosmos|Falcon \d|Starship|Artemis)\b/;
/** Natural hazards: what strikes, hits and kills in a disaster report is no weapon. */
const NATURAL_HAZARD = /\b(?:earthquakes?|quakes?|temblors?|tremors?|aftershocks?|hurricanes?|typhoons?|cyclones?|tornado(?:e?s)?|storms?|storm surge|floods?|flooding|wildfires?|bushfires?|landslides?|mudslides?|avalanches?|tsunamis?|lightning|eruptions?|volcan(?:o|oes|ic)|heat ?waves?|blizzards?|winds? of|mph winds|magnitude)\b/i;
/** Accidents: what explodes in them is fuel, gas or a factory's stock, not a weapon. */
const ACCIDENT = /\b(?:gas|propane|butane|LPG|fuel|oil|petrol|gasoline|chemical|tank(?:er)?\s+trucks?|tankers?|cylinders?|pipelines?|boilers?|firecrackers?|fireworks?|factory|plant|mine|aircraft|plane|helicopter|jet|train)\b[^.;]{0,60}\b(?:explodes|exploded|exploding|explosions?|blasts?|crash(?:es|ed)?|derail\w*|overturn\w*|collaps\w*)\b|\b(?:malfunction\w*|overheat\w*|leak(?:s|ed|ing)?|accident\w*|accidental\w*|mid-air|crash(?:es|ed)? into the ground)\b/i;
/** Words of an attack, which keep an explosion that is one: "a bomb exploded in a gas station". */
const ATTACKED = /\b(?:(?:naval|sea|land) mines?|hit(?:ting)? (?:a |an )?(?:\w+ )?mines?|attack\w*|(?:air ?)?strikes?|struck|bomb\w*|militants?|gunm[ae]n|drones?|missiles?|rockets?|shell(?:ed|ing)|terror\w*|suicide|insurgents|rebels|troops|soldiers)\b/i;

/** Attacks by computer: no armed incident. */
const CYBER = /\b(?:hack(?:ers?|ing|ed)|cyber-?\w*|phishing|malware|ransomware|DDoS|databases?|malicious actors?|ransom notes?)\b/i;
/** Missiles that came down at sea: a launch, not a strike, unless something was hit. */
const LANDED_AT_SEA = /\b(?:landed|fell|fallen|falling|splashed(?: down)?|crashed|flew)\s+(?:[\w-]+\s+){0,4}?(?:in|into|to|outside|off|over|toward|towards)\s+(?:the\s+)?(?:[\w’'-]+\s+){0,4}?(?:sea|waters|ocean|Pacific|EEZ|Exclusive Economic Zone|Japan)\b/i;
/** Words of an armed attack, which keep a sentence that also names a hazard, a launch or a hack. */
const ARMED = /\b(?:attack\w*|(?:air ?)?strikes?|struck|air force|clash\w*|gunm[ae]n|militants?|troops|soldiers|rebels|insurgents|terror\w*|war(?:planes)?|bomb\w*|shell(?:s|ed|ing)|gunfire|drones?|missiles?)\b/i;
/** "struck", "strikes" said of a quake or a storm. */
const NATURAL_STRIKE = /\b(?:struck|strikes?|lightning strikes?)\b/gi;
const HARM = /\b(?:killed|kills|killing|injur\w*|wound\w*|dead|died)\b/i;

/**
 * Every pattern that can make a sentence a test or no armed incident, in one case-insensitive
 * alternation: one scan turns away the many sentences that match none (each pattern alone fails only
 * at the sentence's end), and a match only sends the sentence on to the patterns themselves.
 */
const TEST_OR_NOT_ARMED = new RegExp([TEST, OFF_COAST, SENT_TO_SEA, SPACEFLIGHT, SPACE_NAMES, NATURAL_HAZARD, CYBER, ACCIDENT, LANDED_AT_SEA].map((p) => `(?:${p.source})`).join('|'), 'i');

/** A test or launch into the sea (`TEST`), or no armed incident (`isNotArmed`). */
function isTestOrNotArmed(sentence: string): boolean {
  return TEST_OR_NOT_ARMED.test(sentence) && (TEST.test(sentence) || ((SENT_TO_SEA.test(sentence) || OFF_COAST.test(sentence)) && !didHarm(sentence)) || isNotArmed(sentence));
}

/**
 * Sentences whose striking, hitting and launching is not an armed incident: a space launch, a natural
 * disaster, a hack, a missile that came down at sea and hurt no one.
 */
function isNotArmed(sentence: string): boolean {
  // Worked out only for a sentence that names a launch or a hazard: most name neither.
  let armed: boolean | undefined;
  const isArmed = () => (armed ??= ARMED.test(sentence.replace(NATURAL_STRIKE, ' ')));
  if ((SPACEFLIGHT.test(sentence) || SPACE_NAMES.test(sentence)) && !isArmed()) return true;
  if (NATURAL_HAZARD.test(sentence) && !isArmed()) return true;
  if (CYBER.test(sentence) && !HARM.test(sentence)) return true;
  // The words of an attack first: most sentences here have one early, while the accident pattern fails only at the end.
  if (!ATTACKED.test(sentence) && ACCIDENT.test(sentence)) return true;
  if (!LANDED_AT_SEA.test(sentence) || !/\b(?:missiles?|rockets?)\b/i.test(sentence)) return false;
  return !didHarm(sentence);
}

/** Harm or a hit told, not denied ("no one was hurt" is none). */
function didHarm(sentence: string): boolean {
  const done = sentence.replace(DENIED, ' ');
  return HARM.test(done) || /\b(?:hit|struck|damag\w*|destroy\w*)\b/i.test(done);
}

/** A line without a closing stop is a heading unless it has a verb of the event ("Israeli airstrikes kill 44 …"). */
const HEADLINE_VERB = /\b(?:kills?|killed|hits?|struck|launch(?:es|ed)|fires|fired|wounds?|injures?|targets?|pounds?|rocks?|destroys?|destroyed|leaves|attacked|bombed|shelled|strikes (?:a|an|the)|attacks (?:a|an|the|[A-Z])|claims? responsibility|conducts?|damaged|dropped|said)\b/i;

/** An event told again ("the attack", "that strike", "its attacks"): the article has reported it, or speaks of it, already. */
const TOLD_AGAIN = /\b(?:the|that|this|those|these|its|their|his|her|our|[\p{Lu}][\p{L}.-]*['’]s)\s+(?:(?=[\p{Ll}])[\p{L}'’-]+\s+){0,2}?(?:attacks?|strikes?|airstrikes?|air strikes?|blasts?|explosions?|raids?|bombings?|assaults?|shelling|shootings?|ambush|incident|operation|offensive)\b/giu;
/** Attacks in the plural, with no number: attacks in general, or many ("Russian missile attacks cripple …"). */
const PLURAL_EVENT = /\b(?:attacks|strikes|airstrikes|air strikes|raids|bombings|assaults|explosions|blasts|shootings|clashes)\b/gi;
/** "strikes a", "attacks the", "strikes Kyiv": the word is a verb, the event itself. */
const VERB_AFTER = /^\s+(?:(?:a|an|the|its|their)\b|(?=\p{Lu}))/u;

/** `text` with the matches of `pattern` blanked, save those a determiner or a name follows (verbs: "strikes a base"). */
function withoutNouns(text: string, pattern: RegExp): string {
  return text.replace(pattern, (m: string, ...rest: unknown[]) => {
    const at = rest[rest.length - 2] as number;
    return VERB_AFTER.test(text.slice(at + m.length, at + m.length + 40)) ? m : ' '.repeat(m.length);
  });
}
/** A link or heading line of a web page: "More: …", "Read more: …", "RELATED: …", "Editor's note: This page is a summary of news on …" (not one the splitter ran on into the next sentence, "…here.An explosion …"). */
const LINK_LINE = /^(?:more|read more|related|see also|watch|listen)\s*:|^editor['’]s note\s*:(?![^]*\.\p{Lu}\p{Ll})/iu;

/** Many strikes told as one event: "a new wave of U.S. strikes", "explosions were heard in …". */
const ONE_WAVE = /\b(?:(?:a|an|another|the latest)\s+(?:new\s+|fresh\s+|second\s+|third\s+|major\s+|massive\s+|large\s+)?(?:wave|round|volley|salvo)\s+of\s+(?:[\w.'’-]+\s+){0,2}?(?:attacks|strikes|airstrikes|air strikes|missiles|rockets|drones)|explosions?\s+(?:were\s+|was\s+|are\s+|is\s+|(?:have|has|had)\s+been\s+)?(?:(?:also|reportedly)\s+)?(?:heard|reported|rocked|shook|rang out))\b/i;
/**
 * Whether a sentence with no figure and no day of its own tells of one event: after the event told
 * again ("the attack") and attacks in the plural are set aside, an event word or a verb of harm done
 * must remain.
 */
function tellsOfOneEvent(sentence: string): boolean {
  if (ONE_WAVE.test(sentence) || WEAPONS_FELL.test(sentence) || HARMED_BY_FRAGMENTS.test(sentence) || PLURAL_DID.test(sentence) || (INTERCEPTED.test(sentence) && ATTACK_BESIDE.test(sentence))) return true;
  const rest = withoutNouns(withoutNouns(sentence, TOLD_AGAIN), PLURAL_EVENT);
  return EVENT.test(rest) || DONE.test(rest.replace(DENIED, ' '));
}

/** Strikes told in the present as one event's harm, as news digests write: "Iranian strikes damage a desalination plant …", "Israeli airstrikes kill three". */
const PLURAL_DID = /\b(?:attacks|strikes|airstrikes|air strikes|raids|bombings|explosions|blasts)\s+(?:also\s+)?(?:damage|destroy|hit|kill|wound|injure|target|set fire to)\s+(?:a|an|the|\d|[\p{Lu}])/u;

/** Harm done by what an attack leaves falling: "injured by falling debris", "killed by shrapnel". */
const HARMED_BY_FRAGMENTS = /\b(?:killed|injured|wounded|hurt|damaged|hit)\s+(?:\w+\s+)?by\s+(?:the\s+)?(?:falling\s+|fallen\s+)?(?:debris|shrapnel|fragments)\b/i;

/** Who kills in an attack, named with the killing: "Hamas militants killed 1,200", "killed … by rebel group the OLA"; not a count ("forces have killed 30,000"). */
const ATTACKERS = String.raw`(?:militants?|gunm[ae]n|rebels?|insurgents?|jihadists?|attackers?|assailants?|gangs?|terrorists?|fighters|bombers?|settlers|mobs?)`;
const KILLED_BY_ATTACKERS = new RegExp(
  String.raw`\b${ATTACKERS}\s+(?:[\w'’-]+\s+){0,2}?(?:killed|kill|kills|killing|shot|murdered|massacred|wounded|injured)\b|\b(?:killed|wounded|injured|murdered|massacred|shot)\s+(?:[\w'’.-]+\s+){0,6}?by\s+(?:[\w'’.-]+\s+){0,4}?${ATTACKERS}\b`,
  'i',
);

const ABDUCTED = /\b(?:abduct\w*|kidnap\w*)\b/i;
const ABDUCTED_ALL = new RegExp(ABDUCTED.source, 'gi');

/** Why `mayBeReport` turns a sentence away, one code per test (a learned model weighs them apart). */
export const MAY_BE_REFUSALS = ['no_event', 'link_line', 'nothing_done', 'air_raid_siren', 'intercepted', 'missed', 'test_or_not_armed', 'could_do', 'since_event', 'question'] as const;
export type MayBeRefusal = (typeof MAY_BE_REFUSALS)[number];

/**
 * The tests that need neither the day nor the figures, made first: they turn most sentences away
 * before the dates are read (chrono is the dearest reader). `hasEvent`: whether `EVENT` matches.
 */
export function mayBeReport(sentence: string, hasEvent: boolean): boolean {
  return mayBeRefusal(sentence, hasEvent) === null;
}

/** The first of `mayBeReport`'s tests that turns `sentence` away, or null when none does. */
export function mayBeRefusal(sentence: string, hasEvent: boolean): MayBeRefusal | null {
  if (HARMED_BY_FRAGMENTS.test(sentence) && !isNotArmed(sentence)) return null;
  // A killing told with where or when it was done ("was killed near Dunmere", "killed Sunday") is the event, though no event word names it.
  if (!hasEvent && !/\b(?:drones?|missiles?|rockets?|projectiles?)\b/i.test(sentence) && !KILLED_BY_ATTACKERS.test(sentence) && !KILLED_IN_COMBAT.test(sentence) && !killedWhereOrWhen(sentence)) return 'no_event';
  if (LINK_LINE.test(sentence)) return 'link_line';
  // "an attack on the principle of …", "attacked the governor in a speech": no armed event.
  if (attackInWordsOnly(sentence)) return 'no_event';
  // "Gunmen abduct 36 students from a school": a kidnapping with no attack or harm told is no armed incident.
  if (ABDUCTED.test(sentence) && !EVENT.test(sentence.replace(/\bgunm[ae]n\b/gi, ' ')) && !DONE.test(sentence.replace(DENIED, ' ').replace(ABDUCTED_ALL, ' '))) return 'no_event';
  // A weapon named with nothing done ("the Patriot missile system", "a rocket facility") is no event.
  if (!hasEvent && !DONE.test(sentence.replace(DENIED, ' ')) && !WEAPONS_FELL.test(sentence) && !(INTERCEPTED.test(sentence) && ATTACK_BESIDE.test(sentence))) return 'nothing_done';
  if (/\bair[- ]raid (?:sirens?|alerts?)\b/i.test(sentence) && !/\b(?:rockets?|missiles?|drones?)\b.*\b(?:hit|struck|fired)\b/i.test(sentence)) return 'air_raid_siren';
  // "… was intercepted and no injuries were reported": harm denied is no harm done.
  if (INTERCEPTED.test(sentence) && !DAMAGE.test(sentence.replace(INTERCEPTED, '').replace(DENIED, ' ')) && !ATTACK_BESIDE.test(sentence) && !someGotThrough(sentence)) return 'intercepted';
  // A miss told with no harm done is the failure of an attack the article has told, not another.
  if (MISSED.test(sentence) && !DAMAGE.test(sentence.replace(MISSED, ''))) return 'missed';
  if (isTestOrNotArmed(sentence)) return 'test_or_not_armed';
  // "A warhead like that can kill 100,000": what a weapon could do, not what it did.
  if (COULD_DO.test(sentence)) return 'could_do';
  // "imagine … if Dunmere was shelled", "in case disaster strikes": an attack imagined, or an idiom.
  if (imaginedOnly(sentence)) return 'could_do';
  // "… since the Karvan missile strike": an event named only as the time since which something else is told.
  if (SINCE_EVENT.test(sentence) && !EVENT.test(sentence.replace(SINCE_EVENT, ' '))) return 'since_event';
  // "How did the attack unfold?": a question asks, it does not report.
  if (/\?["”’)]*$/.test(sentence)) return 'question';
  return null;
}

/**
 * An event only denied, doubted or said unproven ("denied involvement in the explosion", "no evidence of
 * an intentional attack", "doubted Russia deliberately attacked", "was not fired from Russia"): what
 * someone says of an attack the article tells elsewhere, not a report of it — unless a figure tells its harm.
 */
const DOUBTED = /\b(?:den(?:y|ies|ied|ying)\s+(?:any\s+)?(?:involvement|responsibility|role|part)\s+(?:in|for)|no\s+(?:evidence|indication|proof|sign)\s+(?:of|that)|(?:doubts|doubted|doubting)\s+(?:that\s+)?(?!on\b|about\b|over\b)|(?:was|were|had)\s+not\s+(?:been\s+)?(?:fired|launched)\s+(?:from|by))/i;
/** A claim beside a denial is a report ("X denied any involvement, but Y claimed responsibility"). */
const CLAIMED = /\bclaim(?:s|ed|ing)?\s+(?:responsibility|credit)\b/i;

const COULD_DO = /\b(?:can|could|would|might)\s+(?:\w+\s+)?(?:kill|destroy|wipe out|flatten)\b|\bif\s+(?:it|they|one|a|an|the|such)\b[^.;]{0,40}?\b(?:is|are|were|was)\s+(?:detonated|used|dropped|fired|launched)\b/i;
const SINCE_EVENT = /\bsince\s+(?:the|last\s+\w+['’]s|\p{Lu}[\p{L}.]*['’]s)\s+(?:[\w-]+\s+){0,3}?(?:attacks?|strikes?|airstrikes?|bombings?|raids?|assaults?|explosions?|blasts?)\b(?!\s+(?:that|which|on|in|at|near|against|killed|wounded|injured|took|happened|occurred|was|were|had|has|came|left|hit|struck))/iu;
/**
 * Fighting told as a state that goes on, not as an event: "amid a barrage of … attacks", "under constant
 * gunfire and bombings", "bombs are being dropped" — with no figure or day of its own.
 */
const ONGOING = /(?<!\b(?:came|come|comes|coming)\s+)\b(?:[Aa]mid|[Uu]nder|[Ff]acing)\s+(?:a\s+|the\s+)?(?:constant|continued|continuing|relentless|incessant|ongoing|near-constant|daily|nightly|repeated|persistent|heavy)?\s*(?:(?:barrage|wave|series|string|stream|hail|onslaught)\s+of\s+)?(?:(?:[A-Z][\w-]*|cruise|ballistic|missile|drone|artillery|rocket|air|and)\s+){0,5}(?:attacks|strikes|airstrikes|gunfire|bombings|shelling|bombardment|fire)\b|\b(?:are|is)\s+being\s+(?:dropped|fired|launched|shelled|bombed|pounded)\b/;

/** Why `isReport` turns a sentence away, one code per test. */
export const IS_REPORT_REFUSALS = ['not_one_event', 'ongoing', 'running_total', 'doubted', 'not_done', 'heading'] as const;
export type IsReportRefusal = (typeof IS_REPORT_REFUSALS)[number];

/** The tests that weigh the figures and the sentence's own day, after `mayBeReport`. */
export function isReport(sentence: string, hasFigure: boolean, hasDate: boolean, clause = false): boolean {
  return isReportRefusal(sentence, hasFigure, hasDate, clause) === null;
}

/** The first of `isReport`'s tests that turns `sentence` away, or null when none does. */
export function isReportRefusal(sentence: string, hasFigure: boolean, hasDate: boolean, clause = false, read?: { places: () => PlaceCandidate[]; toll: boolean }): IsReportRefusal | null {
  // The flags first: each long pattern is tried only when its answer can matter.
  // An event told again with the town or site it struck ("the attack on the town of Dunmere") is recalled with its place: one event.
  if (!hasFigure && !hasDate && !tellsOfOneEvent(sentence) && !(read && toldAtPlace(sentence, read.places))) return 'not_one_event';
  // "Biden said the U.S. would not be part of any response to Saturday's attack", "Sandu on Tuesday condemned the attacks":
  // an event only told again, with its day or the day of what followed it, and no place or toll (`read`), is what the sentence is about, not its report.
  if (!hasFigure && !clause && read && followsOnly(sentence) && read.places().every((p) => p.level <= 1)) return 'not_one_event';
  if (!hasFigure && hasDate && read && !read.toll && !tellsOfOneEvent(sentence) && read.places().length === 0) return 'not_one_event';
  // A war's start told as a time ("since … attacked <country> on Feb. 24"), or only what attacks caused ("As a result of the attacks, …").
  if (!hasFigure && read && warStartOnly(sentence, read.places)) return 'not_one_event';
  if (causedOnly(sentence)) return 'not_one_event';
  // "blamed the minister's policy for the attack", "any response to Saturday's attack": the attack only reacted to.
  if (!hasFigure && !clause && reactionOnly(sentence)) return 'not_one_event';
  // "called the attack a mistake", "does not endorse this attack": what is said of it, not a report.
  if (!hasFigure && !clause && saidOfOnly(sentence)) return 'not_one_event';
  // "agreed to stop bombing Karvan": attacks stopped are a ceasefire told, not an incident.
  if (!hasFigure && stoppedOnly(sentence)) return 'not_one_event';
  // "any attack on civilians is a war crime": attacks in general.
  if (!hasFigure && anyAttackOnly(sentence)) return 'not_one_event';
  // "have struck 10,000 targets", "have destroyed 92% of …": a campaign's count, whatever its day.
  if (!ONE_NIGHT.test(sentence) && TARGETS_COUNTED.test(sentence)) return 'running_total';
  if (!hasFigure && !hasDate && ONGOING.test(sentence)) return 'ongoing';
  // "… had been killed since Karvan launched strikes on Monday", "… in the strikes so far": a count, whatever its day.
  if (!ONE_NIGHT.test(sentence) && countSince(sentence) && !EVENT_BESIDE_COUNT.test(sentence)) return 'running_total';
  if (!hasDate && !ONE_NIGHT.test(sentence) && (RUNNING_TOTAL.test(sentence) || (HAVE_DIED.test(sentence) && !EVENT_BESIDE_COUNT.test(sentence)) || (SINCE_WAR.test(sentence) && !SUPERLATIVE_SINCE.test(sentence) && !EVENT_BESIDE_COUNT.test(sentence)))) return 'running_total';
  if (!hasFigure) {
    if (DOUBTED.test(sentence) && !CLAIMED.test(sentence)) return 'doubted';
    // A threat in a clause of its own after the event ("…, while the group vows to retaliate") does not undo it.
    // … and, in a sentence with a day of its own, one after its event told as done ("… in Damascus on Wednesday, blowing up …, as it vowed to …").
    const told = hasDate ? sentence.replace(WHILE_CLAUSE, '').replace(LATER_THREAT, '') : sentence.replace(WHILE_CLAUSE, '');
    if (NOT_DONE.test(told) && (!hasDate || MAYBE.test(told))) return 'not_done';
    // A clause of a longer sentence has no stop of its own; only a whole line without one is a heading.
    if (!clause && !/[.!?…"”’)]$/.test(sentence) && !HEADLINE_VERB.test(sentence)) return 'heading';
  }
  return null;
}

/** Harm told with where it was done: "three more were wounded in the Donetsk region", "one died in the Chernihiv region". */
const HARMED_IN = /\b(?:killed|wounded|injured|hurt|died)\s+in\s+(?:the\s+)?$/i;

/**
 * A toll told on its own, of the event just told: it names no place but where the harm was done ("One
 * person was wounded in the Zaporizhzhia region", as regional tolls of one night's strikes are told);
 * any other place tells of somewhere else ("Three of the wounded will be taken to the hospital in
 * Landstuhl"). Not a link line, a question, a plan, a disaster, a test or a side's running toll ("They
 * have wounded about 120 troops").
 */
export function isTollAlone(sentence: string, places: () => PlaceCandidate[]): boolean {
  if (LINK_LINE.test(sentence) || /\?["”’)]*$/.test(sentence) || isTestOrNotArmed(sentence) || NOT_DONE.test(sentence)) return false;
  if (/\b(?:have|has|had)\s+(?:\w+\s+)?(?:killed|wounded|injured)\b|\bidentified\b/i.test(sentence)) return false;
  return places().every((p) => HARMED_IN.test(sentence.slice(Math.max(0, p.start - 40), p.start)));
}
