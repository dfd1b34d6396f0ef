/**
 * The cheap first look: does a sentence use any word an incident report is written with? One
 * regular-expression test per sentence, so the field readers (dates, numbers, places) run only on the
 * few sentences that pass; most of a news corpus is quotes, politics and background.
 */

/** Words that report violence done: the attack, the weapon, or its toll. */
const TRIGGER =
  /\b(?:attack(?:s|ed|ing)?|barrages?|blew (?:(?:him|her|them)sel(?:f|ves) )?up|(?:air|drone|missile|rocket)?strikes?|struck|striking|air[- ]strikes?|shell(?:s|ed|ing)|bomb(?:s|ed|ing|ings)?|firebomb\w*|explosions?|explodes|exploded|exploding|blasts?|missiles?|rockets?|drones?|shot|shooting|shootings|shootout|gunfire|gunmen|opened fire|fired|raids?|raided|ambush(?:ed)?|massacres?|clash(?:es|ed|ing with)|engag(?:e|es|ed|ing) in (?:[\w-]+ )?fighting|fighting (?:broke out|breaks out|erupted|erupts|flared|flares)|stabbing|stabbed|rampages?|projectiles?|suicide bombers?|assaults?(?<=(?:terrorist|armed|knife|gun|drone|missile|rocket|mortar|ground|7|7th|day['’]s) assaults?)|shrapnel|(?:came|come|comes|coming) under (?:\w+ )?fire|killed|kills?|killing|wounded|wounding|injured|injuring|injures|dead|died)\b/i;

/** Senses of those words that are not violence: labour strikes, sport, space launches, a shot at something, a deal struck, staff fired. */
const NOT_VIOLENCE =
  /\b(?:(?:workers?|drivers?|union|rail|labou?r|teachers?|nurses?|general|hunger)\s+strikes?|strikes?\s+(?:a|an)\s+(?:deal|balance|pose|chord|tone)|on strike|striking (?:workers|drivers)|shooting stars?|penalty shootout|(?:what|it|that|this)\s+(?:\w+\s+)?(?:struck|strikes|hit|hits)\s+(?:me|us)\b|rocket launch|heart attacks?|panic attacks?|(?:strikes?|struck)\s+(?:me|us|him|her|them|many|some|observers|critics)\s+as|shot clock|free[- ]throw|touchdown|(?:deal|agreement|accord|bargain|truce|cease-?fire)\b[^.;]{0,30}\b(?:struck|striking)|(?:struck|strikes?|striking) (?:a|an|the) (?:\w+ )?(?:deal|agreement|accord|bargain|truce|cease-?fire)|(?:been|was|were|got|get|being) fired\b(?! (?:at|on|upon|into|from|toward|towards))|(?:drivers|workers|employees|staff|nurses|doctors|teachers|pilots|unions?)\b[^.;]{0,40}\b(?:struck|went on strike|walked out)|(?:hit|hits|struck)\b[^.;]{0,40}\bwith (?:new |fresh |an? )?(?:sanctions|tariffs|asset freezes?|injunctions|fines?|charges|lawsuits?|restrictions|penalties|bans?))\b/i;

/**
 * "hit", which a record, a song or a ball is too, and "has targeted", "have destroyed", which a campaign
 * ad or a drought does ("its forces destroyed four drones" too, armed forces its subject; "forces destroy …", "an aircraft disabled the vessel", "was destroyed by Russian forces"): triggers only beside the words of armed forces ("the IRGC says it has hit …",
 * "a tanker is hit by a projectile", "CENTCOM confirms that they have destroyed the … tower").
 */
const HIT = /(?<!-)\b(?:hit|hits|ha(?:ve|s|d)\s+(?:\w+\s+)?(?:targeted|destroyed)|destroyed(?<=\b(?:forces|troops|military|army|navy|jets|warplanes)\s+(?:\w+\s+)?destroyed)|(?:destroy|destroys|disabled|disables)(?<=\b(?:forces|troops|military|army|navy|aircraft|jets|warplanes)\s+(?:\w+\s+)?(?:destroy|destroys|disabled|disables))|destroyed(?=\s+by\s+(?:[\w-]+\s+){0,2}?(?:forces|troops|military|army)\b))\b(?!\s+(?:the\s+)?(?:court|road|ground|streets?|stage|shelves|newsstands|market|screens?|headlines|back|out)\b)/i;
const ARMED_FORCES = /\b(?:military|forces|troops|army|navy|IRGC|Revolutionary Guards?|militants?|rebels?|insurgents?|militias?|projectiles?|air ?bases?|naval base)\b/i;

/** The words `HIT` looks for, found by a plain search first: most sentences hold none, and `includes` costs far less than the pattern. */
function mayHit(sentence: string): boolean {
  return (sentence.includes('hit') || sentence.includes('Hit') || sentence.includes('targeted') || sentence.includes('destroy') || sentence.includes('disable')) && HIT.test(sentence) && ARMED_FORCES.test(sentence);
}

/**
 * Things named after a weapon that are no event: a bomb shelter, a bomb disposal expert, a bomb squad or
 * threat. Blanked before the trigger is looked for again, so a caption of people in a shelter passes only
 * when it tells of something else ("… in a bomb shelter after a missile struck …").
 */
const WEAPON_COMPOUND = /\bbomb[- ](?:shelters?|disposal|squads?|threats?|scares?|sniffing|proof)\b/gi;
/** "launched a military offensive into …", "launched an incursion": an armed operation begun, on a day. */
const OFFENSIVE_LAUNCHED = /\blaunch(?:ed|es|ing)?\s+(?:a|an|its|their|the)\s+(?:[\w-]+\s+){0,3}?(?:offensive|incursion)\b/i;

export function mayReportIncident(sentence: string): boolean {
  const triggered = TRIGGER.test(sentence) && (!/omb[- ]/i.test(sentence) || TRIGGER.test(sentence.replace(WEAPON_COMPOUND, ' ')));
  return (triggered || mayHit(sentence) || (sentence.includes('launch') && OFFENSIVE_LAUNCHED.test(sentence))) && !NOT_VIOLENCE.test(sentence);
}

/** The first trigger word in `sentence`, with its offset, or null. */
export function findTrigger(sentence: string): { index: number; text: string } | null {
  const m = TRIGGER.exec(sentence.replace(WEAPON_COMPOUND, (w) => ' '.repeat(w.length))) ?? (mayHit(sentence) ? HIT.exec(sentence) : null) ?? OFFENSIVE_LAUNCHED.exec(sentence);
  return m ? { index: m.index, text: m[0] } : null;
}
