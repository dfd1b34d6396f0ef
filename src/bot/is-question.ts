/**
 * Whether a message in an ask channel (or one of the bot's threads) is a question to look up.
 * Greetings, thanks, an emoji or a link alone are talk between people, and answering them with
 * "I couldn't find that" would only be noise: they are left alone.
 */

const LINKS = /\b(?:https?:\/\/|www\.)\S+/gi;
/** Custom emoji, user, role and channel mentions, timestamps. */
const DISCORD_TOKENS = /<a?:\w+:\d+>|<(?:@[!&]?|#)\d+>|<t:\d+(?::\w)?>/g;
const WORDS = /[\p{L}\p{N}]+(?:['’]\p{L}+)?/gu;

/** Words of small talk, which alone never make a question. */
const SMALL_TALK = new Set(
  (
    'hi hello hey heya hiya yo sup gm gn morning evening night afternoon good great nice cool awesome wow ' +
    'thanks thank thx ty tysm cheers appreciated appreciate welcome np sure ok okay k kk yes yeah yep yup no nope nah ' +
    'lol lmao haha hahaha hehe xd omg bye cya later see you u all everyone guys folks ' +
    'for the a an that this it its so very much lot lots again too really just bot sitrep answer answers help helpful info ' +
    'got it understood noted right true fair agreed same me i we my our huh hm hmm eh oh ah wait what why'
  ).split(' '),
);

/** First words that ask: "how many …", "did …", "list …". */
const ASKING = new Set(
  'how what who whom whose when where which why did does do is are was were has have had can could will would should any list tell show give name count'.split(' '),
);

export function looksLikeQuestion(raw: string): boolean {
  const text = raw.replace(LINKS, ' ').replace(DISCORD_TOKENS, ' ').trim();
  const words = (text.toLowerCase().match(WORDS) ?? []).map((w) => w.replace(/['’]\p{L}+$/u, ''));
  const content = words.filter((w) => !SMALL_TALK.has(w));
  if (content.length === 0) return false;
  // "Erbil?" asks about Erbil; "what?" and "why?" (small talk above) ask about nothing.
  if (text.endsWith('?')) return true;
  if (words.length >= 2 && ASKING.has(words[0]!)) return true;
  return content.length >= 2;
}
