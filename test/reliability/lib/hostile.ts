/**
 * Hostile questions and articles, through the real bot on the fake Discord: mentions, Markdown and
 * code-block breakers, zero-width and right-to-left override characters, 100 KB questions, emoji-only
 * questions, control characters. Each must get an answer (an abstention counts) or a clear refusal,
 * and every payload the bot sends must keep the rules of `payload-rules.ts`: no pings, within
 * Discord's limits, no live Markdown or links from the input, no control or override characters.
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { APOLOGY } from '../../../src/bot/reply.js';
import { MAX_QUESTION_LENGTH } from '../../../src/bot/question.js';
import { directMessage, user } from '../../fake-discord/payloads.js';
import type { RecordedRequest } from '../../fake-discord/server.js';
import type { Harness } from '../../bot/harness.js';
import { payloadProblems } from './payload-rules.js';
import { Tally, countsText, ms, type CheckResult } from './report.js';

const Q = 'how many drones struck the Zorvath bridge?';
const ROLE = '<@&1100000000000000123>';
const USER = '<@1100000000000000456>';

/** Hostile questions: what is tried, and whether the bot must refuse it. */
export const HOSTILE_QUESTIONS: { label: string; text: string; refuse?: boolean }[] = [
  { label: '@everyone', text: `@everyone ${Q}` },
  { label: '@here', text: `@here ${Q}` },
  { label: 'role mention', text: `${ROLE} ${Q}` },
  { label: 'user mention', text: `${USER} <@!1100000000000000457> ${Q}` },
  { label: 'channel, emoji, timestamp syntax', text: `<#1100000000000000002> <:zap:1100000000000000999> <t:0:R> ${Q}` },
  { label: 'unclosed bold', text: `**${Q}` },
  { label: 'unclosed code block', text: `\`\`\`js\n${Q}` },
  { label: 'closing code block first', text: `${Q} \`\`\`` },
  { label: 'unclosed inline code', text: `\`${Q}` },
  { label: 'spoiler, strike, underline', text: `||${Q} ~~__*` },
  { label: 'quote and heading lines', text: `> quote\n# ${Q}\n-# small` },
  { label: 'masked link', text: `[click here](https://evil.example/x) ${Q}` },
  { label: 'plain, bracketed and named links', text: `https://evil.example/a <https://evil.example/b> Wire (HTTP://evil.example/c) ${Q}` },
  { label: 'command mention', text: `</ask:1100000000000000001> ${Q}` },
  { label: 'zero-width characters', text: `how\u200bmany\u200d drones\ufeff struck the Zorvath\u2060 bridge? @\u200beveryone` },
  { label: 'right-to-left override', text: `\u202e${Q}` },
  { label: 'bidi isolate left open', text: `\u2067${Q} \u202b` },
  { label: 'combining marks (zalgo)', text: `h\u0336\u0335\u0334ow m\u0489\u0489any drones struck the Zorvath bridge?` },
  { label: 'control characters', text: `\u0007\u001b[31m${Q}\u001b[0m\u0008\u000b\u000c` },
  { label: 'NUL and DEL', text: `\u0000${Q}\u007f` },
  { label: 'CR, LS and PS line breaks', text: `how many\r\ndrones\u2028struck\u2029the Zorvath bridge?` },
  { label: 'exactly the length limit', text: `${Q} ${'x'.repeat(MAX_QUESTION_LENGTH - Q.length - 1)}` },
  { label: 'one over the length limit', text: `${Q} ${'x'.repeat(MAX_QUESTION_LENGTH - Q.length)}`, refuse: true },
  { label: '100 KB question', text: `${Q} `.repeat(Math.ceil(100_000 / (Q.length + 1))), refuse: true },
  { label: '100 KB of mentions', text: '@everyone '.repeat(10_000), refuse: true },
  { label: 'emoji only', text: '🔥🔥🔥', refuse: true },
  { label: 'emoji sequences only', text: '👩‍👩‍👧 🇺🇦 👍🏽', refuse: true },
  { label: 'symbols only', text: '``` ** || ~~ ```', refuse: true },
  { label: 'whitespace and zero-width only', text: ' \u200b\u200d\t ', refuse: true },
  { label: 'everything at once', text: `@everyone ${ROLE} **\`\`\`\u202e||[x](https://evil.example)\u0007 ${Q}`.slice(0, MAX_QUESTION_LENGTH) },
];

/** Articles whose text, title, source and url carry the same attacks. */
export function writeHostileCorpus(dir: string): void {
  const poison = `https://evil.example/p <https://evil.example/q> Wire (https://evil.example/r) </ask:1100000000000000001> <#1100000000000000002> <t:0:R> @everyone @here ${ROLE} ${USER} **bold \`\`\`code \`tick ||spoiler ~~strike __under [click](https://evil.example/x) \u202eesrever\u2067 zero\u200bwidth\u0007bell`;
  fs.writeFileSync(
    path.join(dir, 'zorvath-bridge.txt'),
    `${poison} Zorvath bridge hit\n\nAt least 17 drones struck the Zorvath bridge on Sunday ${poison}, officials said. The bridge was closed.\n\n> quoted line\n# heading line\nTraffic resumed on Monday.\n`,
  );
  const jsonl = [
    { title: `**Depot** ${poison}`, source: `${poison} Wire`, published: '2024-03-05', url: 'https://evil.example/a)(b<@everyone>', text: `A rocket hit the Kelmarsh fuel depot on Tuesday ${poison}, the army said. Nobody was hurt.` },
    { title: `Huge title ${'@everyone **x** '.repeat(20_000)}`, source: 'Wire', published: '2024-03-06', url: 'javascript:alert(1)', text: 'The Red Hawk Brigade claimed the attack on the Ostrava checkpoint in a statement on Wednesday.' },
    { title: 'Long sentence', source: 'Wire', published: '2024-03-07', text: `Convoys ${'moved along the coastal road @everyone ** ` '.repeat(3000)} and reached the port.` },
  ];
  fs.writeFileSync(path.join(dir, 'hostile.jsonl'), `${jsonl.map((j) => JSON.stringify(j)).join('\n')}\n`);
}

/**
 * Questions about the hostile articles. The first two must be answered with a quote, so the poison in
 * the quoted sentence reaches the reply; the others may abstain (the 300 KB title buries its short
 * article in BM25's length normalisation), and still list the hostile titles as closest sources.
 */
export const ARTICLE_QUESTIONS: { text: string; quote: boolean }[] = [
  { text: 'How many drones struck the Zorvath bridge?', quote: true },
  { text: 'When did a rocket hit the Kelmarsh fuel depot?', quote: true },
  { text: 'Who claimed the attack on the Ostrava checkpoint?', quote: false },
  { text: 'Where did the convoys move?', quote: false },
];

/** The refusals a user may get: the question rules and the rate limit. */
const REFUSALS = [/^Please type a question/, /^Please keep your question under/, /^That has no words in it/, /try again in \d+ s/];

type Ended = { kind: 'answer' | 'refusal' | 'apology' | 'other'; quoted?: boolean; problems: string[]; ms: number };

function judge(requests: RecordedRequest[], where: string): Omit<Ended, 'ms'> {
  const problems = requests.flatMap((r) => payloadProblems(r.body?.data ?? r.body, `${where} ${r.method} ${r.path.replace(/\/[\w-]{20,}/g, '/…')}`));
  const bodies = requests.map((r) => r.body?.data ?? r.body).filter((b) => b && (b.content || b.embeds?.length));
  if (bodies.some((b) => b.content === APOLOGY)) return { kind: 'apology', problems };
  const answer = bodies.flatMap((b) => b.embeds ?? []).find((e: any) => e.description);
  if (answer) return { kind: 'answer', quoted: answer.description.startsWith('> '), problems };
  if (bodies.some((b) => REFUSALS.some((r) => r.test(b.content ?? '')))) return { kind: 'refusal', problems };
  return { kind: 'other', problems };
}

const replyOf = (i: { id: string; token: string }) => (r: RecordedRequest) =>
  (r.path.endsWith(`/interactions/${i.id}/${i.token}/callback`) && r.body?.type === 4) ||
  (r.method === 'PATCH' && r.path.includes(`/${i.token}/messages/@original`) && r.body?.embeds?.length > 0);

export async function askHostile(h: Harness, text: string, n: number): Promise<Ended> {
  const started = performance.now();
  const i = h.ask(text, { user: user(`hostile${n}`) });
  await h.fake.waitForRequest(replyOf(i));
  const took = performance.now() - started;
  await new Promise((r) => setTimeout(r, 30));
  return { ...judge(h.fake.requestsFor(i), '/ask'), ms: took };
}

export async function dmHostile(h: Harness, text: string, n: number): Promise<Ended> {
  const started = performance.now();
  const dm = directMessage({ content: text, author: user(`dm${n}`), channelId: String(1300000000000000000n + BigInt(n)) });
  h.fake.gateway.dispatch('MESSAGE_CREATE', dm);
  const reply = await h.fake.waitForRequest((r) => r.method === 'POST' && r.path === `/channels/${dm.channel_id}/messages`);
  return { ...judge([reply], 'DM'), ms: performance.now() - started };
}

/** Runs every hostile question through /ask and DMs, and every article question, /sources and /about. */
export async function runHostile(h: Harness): Promise<CheckResult> {
  const tally = new Tally('hostile input');
  let n = 0;
  for (const [channel, send] of [
    ['/ask', askHostile],
    ['direct message', dmHostile],
  ] as const) {
    const ended: string[] = [];
    let held = 0;
    let slowest = 0;
    for (const q of HOSTILE_QUESTIONS) {
      const e = await send(h, q.text, n++);
      slowest = Math.max(slowest, e.ms);
      const wanted = q.refuse ? e.kind === 'refusal' : e.kind === 'answer';
      if (wanted && e.problems.length === 0) held++;
      else tally.fail(`${channel}, ${q.label}: ended as ${e.kind}${q.refuse ? ' (a refusal was due)' : ''}; ${e.problems.join('; ')}`);
      ended.push(e.kind === 'answer' ? (e.quoted ? 'answered with a quote' : 'abstained') : e.kind === 'refusal' ? 'refused' : e.kind);
    }
    tally.row(`hostile questions by ${channel} (mentions, Markdown, zero-width, RTL, controls, 100 KB, emoji)`, HOSTILE_QUESTIONS.length, held, `${countsText(ended)}; slowest reply ${ms(slowest)}`);
  }

  const ended: string[] = [];
  let held = 0;
  let slowest = 0;
  for (const q of ARTICLE_QUESTIONS) {
    const e = await askHostile(h, q.text, n++);
    slowest = Math.max(slowest, e.ms);
    if (e.kind === 'answer' && (e.quoted || !q.quote) && e.problems.length === 0) held++;
    else tally.fail(`answer from a hostile article, "${q.text}": ended as ${e.kind}${e.quoted ? '' : ' without a quote'}; ${e.problems.join('; ')}`);
    ended.push(e.kind === 'answer' ? (e.quoted ? 'answered with a quote' : 'abstained') : e.kind);
  }
  for (const name of ['sources', 'about'] as const) {
    const started = performance.now();
    const i = h.command(name, [], { user: user(`lists${n++}`) });
    const reply = await h.callback(i);
    slowest = Math.max(slowest, performance.now() - started);
    const problems = payloadProblems(reply.body?.data, `/${name}`);
    if (problems.length === 0 && reply.body?.data?.embeds?.length) held++;
    else tally.fail(`/${name} over hostile articles: ${problems.join('; ') || 'no embed'}`);
    ended.push(`/${name}`);
  }
  tally.row('hostile articles (same attacks in text, title, source, url; a 300 KB title) quoted, listed', ARTICLE_QUESTIONS.length + 2, held, `${countsText(ended)}; slowest reply ${ms(slowest)}`);
  return tally.result();
}
