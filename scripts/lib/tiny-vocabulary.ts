/** The WordPiece vocabulary of the tiny test models: common English words, the seed article's words, characters and suffixes. */

export const SPECIAL_TOKENS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'] as const;

const PUNCTUATION = [...'.,;:!?\'"()[]-_/&%$#@*+=<>'];

const COMMON_WORDS = `the of and to a in is it you that he was for on are with as i his they be at one have this
from or had by not word but what some we can out other were all there when up use your how said an each she
which do their time if will way about many then them write would like so these her long make thing see him two
has look more day could go come did number sound no most people my over know water than call first who may down
side been now find any new work part take get place made live where after back little only round man year came
show every good me give our under name very through just form sentence great think say help low line differ turn
cause much mean before move right boy old too same tell does set three want air well also play small end put home
read hand port large spell add even land here must big high such follow act why ask men change went light kind off
need house picture try us again animal point mother world near build self earth father head stand own page should
country found answer school grow study still learn plant cover food sun four between state keep eye never last let
thought city tree cross farm hard start might story saw far sea draw left late run while press close night real
life few north open seem together next white children begin got walk example ease paper group always music those
both mark often letter until mile river car feet care second book carry took science eat room friend began idea
fish mountain stop once base hear horse cut sure watch color face wood main enough plain girl usual young ready
above ever red list though feel talk bird soon body dog family direct pose leave song measure door product black
short numeral class wind question happen complete ship area half rock order fire south problem piece told knew
pass since top whole king space heard best hour better true during hundred five remember step early hold west
ground interest reach fast verb sing listen six table travel less morning ten simple several vowel toward war lay
against pattern slow center love person money serve appear road map rain rule govern pull cold notice voice unit
power town fine certain fly fall lead cry dark machine note wait plan figure star box noun field rest correct able
pound done beauty drive stood contain front teach week final gave green oh quick develop ocean warm free minute
strong special mind behind clear tail produce fact street inch multiply nothing course stay wheel full force blue
object decide surface deep moon island foot system busy test record boat common gold possible plane stead dry
wonder laugh thousand ago ran check game shape equate hot miss brought heat snow tire bring yes distant fill east
paint language among attack attacks killed strike strikes rocket drone troops forces soldiers base military`;

/** Words of the seed article (Ain al-Asad drone attack, AFP, 6 Dec 2023), so its passages tokenise mostly without [UNK]. */
const SEED_WORDS = `americas middle east western iraq targeted drone attack claimed pro iran group military base
wednesday us official said militant way launched against coalition forces ain al asad airbase told afp adding
caused causalities damage islamic resistance response united states support israel nearly month war hamas after
seven pause last week groups resumed rocket attacks allies deployed international anti jihadist syria which
responsibility dozens loose alliance armed affiliated hashed shaabi former paramilitaries integrated regular
retaliation several strikes were conducted fighters iranian sunday defence strike militants northern province
kirkuk killing central command preparing total washington counted least since october days start between
triggered palestinian unprecedented israeli soil before during phone call secretary antony blinken iraqi prime
minister mohammed shia sudani his rejected any targeting territory government committed protecting members
also bombed sites linked three occasions related articles top button represent sentence searching relevant
passages query passage search document islamic capital france many killed who claimed how`;

const SUFFIXES = ['s', 'es', 'ed', 'ing', 'ly', 'er', 'est', 'ion', 'al', 'ian', 'i'];

/** The WordPiece vocabulary: special tokens, punctuation, words, then characters and suffixes so nothing is left unknown. */
export function tinyVocabulary(): string[] {
  const tokens = new Set<string>(SPECIAL_TOKENS);
  for (const p of PUNCTUATION) tokens.add(p);
  for (const w of `${COMMON_WORDS} ${SEED_WORDS}`.split(/\s+/)) if (w) tokens.add(w);
  for (const c of 'abcdefghijklmnopqrstuvwxyz0123456789') {
    tokens.add(c);
    tokens.add(`##${c}`);
  }
  for (const s of SUFFIXES) tokens.add(`##${s}`);
  return [...tokens];
}
