/**
 * The words an incident is told with, shared by the readers of a report and of its fields: the event
 * itself, harm done, and harm denied.
 */

/** Words that tell of the event itself (the toll alone — "killed", "died" — does not). */
export const EVENT =
  /\b(?:attack(?:s|ed|ing)?|barrages?|blew (?:(?:him|her|them)sel(?:f|ves) )?up|(?:air|drone|missile|rocket)?strikes?|struck|striking|air[- ]strikes?|(?<!(?:artillery|tank|mortar|of)\s)shells|shell(?:ed|ing)|bomb(?:s|ed|ing|ings)?|firebomb\w*|explosions?|explodes|exploded|exploding|blasts?|shot|shooting|shootings|shootout|gunfire|gunmen|opened fire|fired|raids?|raided|ambush(?:ed)?|massacres?|clash(?:es|ed|ing\s+with)|engag(?:e|es|ed|ing)\s+in\s+(?:[\w-]+\s+)?fighting|fighting\s+(?:broke|breaks)\s+out|fighting\s+(?:erupted|erupts|flared|flares)|stabbing|stabbed|rampages?|suicide bombers?|ha(?:ve|s|d)\s+(?:\w+\s+)?(?:targeted|destroyed)|destroyed(?<=\b(?:forces|troops|military|army|navy|jets|warplanes)\s+(?:\w+\s+)?destroyed)|(?:destroy|destroys|disabled|disables)(?<=\b(?:forces|troops|military|army|navy|aircraft|jets|warplanes)\s+(?:\w+\s+)?(?:destroy|destroys|disabled|disables))|destroyed(?=\s+by\s+(?:[\w-]+\s+){0,2}?(?:forces|troops|military|army|airstrikes?|strikes|shelling|missiles?|drones?)\b)|(?:came|come|comes|coming)\s+under\s+(?:\w+\s+)?fire|assault|offensive|hit|hits)\b/i;

/** A verb of harm done or a weapon used: what a report of one event says happened. */
export const DONE =
  /\b(?:hit|hits|struck|kill(?:s|ed|ing)?|wound(?:s|ed|ing)?|injur(?:es|ed|ing)|destroy(?:s|ed|ing)?|damag(?:es|ed|ing)|target(?:s|ed|ing)|aimed at|fired|fires|launch(?:es|ed)?|exploded|detonated|blew up|slammed|landed|crashed into|set (?:on )?fire|stormed|shot|opened fire|dropped|bombed|shelled|attacked|raided|ambushed|pummel\w*|pound(?:s|ed|ing)|carr(?:y|ies|ied) out|conduct(?:s|ed)?|occurred|took place|happened|came|(?:claim\w*|takes?|took|taken|accept\w*) responsibility|blamed)\b/i;
/** "didn't damage any", "no equipment was damaged": harm denied is not harm done. */
export const DENIED = /\b(?:no|not|didn['’]t|never|without|nothing)\b[^,;]{0,50}/gi;
