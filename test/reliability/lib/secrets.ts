/**
 * Secrets and permissions: the bot token never shows in logs, errors or replies (grepped in every
 * captured line and payload, failure paths included); /reindex and /add are refused to all but
 * Manage Server holders and OWNER_IDS; nothing reads a path outside the corpus folder (symbolic
 * links, `../`, absolute paths), which a planted file's access time would betray.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { REFUSAL as ADD_REFUSAL } from '../../../src/bot/commands/add.js';
import { REFUSAL } from '../../../src/bot/commands/reindex.js';
import { loadCommands } from '../../../src/bot/load-commands.js';
import { APOLOGY } from '../../../src/bot/reply.js';
import { directMessage, PERMISSIONS, stringOption, user, type FakeUser } from '../../fake-discord/payloads.js';
import type { RecordedRequest } from '../../fake-discord/server.js';
import { FakeDiscord } from '../../fake-discord/server.js';
import { APP_ID, OWNER_ID, TOKEN, embedText, type Harness } from '../../bot/harness.js';
import { Tally, type CheckResult } from './report.js';

/** The token's secret part (after its last dot): a partial leak counts too. */
const SECRET_PART = TOKEN.slice(TOKEN.lastIndexOf('.') + 1);
export const EXPLODE = 'explode with the token';
export const CANARY = 'quorblaxcanary';

/** What a session showed to the world: log lines, REST bodies and paths (not the Authorization header), stdout/stderr. */
export function exposure(h: Harness, extra: string[] = []): string {
  const requests = h.fake.requests.map((r) => `${r.method} ${r.path}?${r.query.toString()} ${JSON.stringify(r.body)}`);
  return [...h.logs, ...requests, ...extra].join('\n');
}

export const leaks = (text: string): string[] => [TOKEN, SECRET_PART].filter((s) => text.includes(s));

/** Wraps a Sitrep so that one question fails with an error quoting the token, as a careless bug might. */
export function explodingAnswers<T extends { answer(q: string): Promise<unknown> }>(sitrep: T): T {
  return {
    ...sitrep,
    answer: (q: string) => (q.includes(EXPLODE) ? Promise.reject(new Error(`config dump: DISCORD_TOKEN=${TOKEN}`)) : sitrep.answer(q)),
  } as T;
}

/** Captures what the test process itself writes to stdout and stderr while `fn` runs. */
export async function captureOutput<T>(fn: () => Promise<T>): Promise<{ value: T; output: string }> {
  const chunks: string[] = [];
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((c: string | Uint8Array, ...rest: unknown[]) => (chunks.push(String(c)), out(c as string, ...(rest as [])))) as typeof process.stdout.write;
  process.stderr.write = ((c: string | Uint8Array, ...rest: unknown[]) => (chunks.push(String(c)), err(c as string, ...(rest as [])))) as typeof process.stderr.write;
  try {
    return { value: await fn(), output: chunks.join('') };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
}

const owner: FakeUser = { ...user('owner'), id: OWNER_ID };
const editOf = (h: Harness, token: string, match: (b: any) => boolean) =>
  h.fake.waitForRequest((r) => r.method === 'PATCH' && r.path.includes(`/${token}/messages/@original`) && match(r.body));

/** Every way the session can fail that might carry the token: a failing answer, a Discord error, a failed re-index. */
export async function exerciseFailures(h: Harness): Promise<string[]> {
  const notes: string[] = [];
  // A question whose answer throws an error quoting the token: the user gets the apology.
  const boom = h.ask(`${EXPLODE} how many attacks?`, { user: user('boom') });
  const followUp = (token: string) => (r: RecordedRequest) => r.method === 'POST' && r.path.includes(token) && !r.path.endsWith('/callback');
  const apology = await h.fake.waitForRequest(followUp(boom.token));
  if (apology.body?.content !== APOLOGY) notes.push(`a failing answer got ${JSON.stringify(apology.body?.content)}, not the apology`);
  const dm = directMessage({ content: `${EXPLODE} in a DM`, channelId: '1300000000000009001' });
  h.fake.gateway.dispatch('MESSAGE_CREATE', dm);
  await h.fake.waitForRequest((r) => r.path === `/channels/${dm.channel_id}/messages`);
  // Discord refuses an edit with an error that echoes the token.
  const refused = h.ask('How many attacks since Oct 17?', { user: user('refused') });
  h.fake.respondOnce((r) => r.method === 'PATCH' && r.path.includes(refused.token), 400, { code: 50035, message: `Invalid Form Body (${TOKEN})` });
  await h.fake.waitForRequest(followUp(refused.token));
  // A re-index whose build fails in its child: the corpus folder is gone for the moment.
  const corpus = h.config.CORPUS_DIR;
  fs.renameSync(corpus, `${corpus}.away`);
  try {
    const failing = h.command('reindex', [], { user: owner });
    const reply = embedText((await editOf(h, failing.token, (b) => embedText(b).includes('Re-index failed'))).body);
    // What failed, in words: the folder's absolute path and the child's stderr belong to the log.
    if (reply.includes(corpus) || reply.includes(path.dirname(corpus))) notes.push(`the failed re-index reply shows a path: ${reply.slice(0, 200)}`);
    if (!reply.includes('the corpus folder does not exist')) notes.push(`the failed re-index reply does not say what failed: ${reply.slice(0, 200)}`);
  } finally {
    fs.renameSync(`${corpus}.away`, corpus);
  }
  // The failures must have reached the logs, with the token cut out: otherwise nothing was tested.
  const logged = h.logs.join('\n');
  if (!logged.includes('DISCORD_TOKEN=[redacted]')) notes.push('the failing answer was not logged with the token redacted');
  if (!logged.includes('Invalid Form Body ([redacted])')) notes.push("Discord's error was not logged with the token redacted");
  if (!logged.includes('re-index failed')) notes.push('the failed re-index was not logged');
  else if (!logged.includes(corpus)) notes.push('the failed re-index was logged without its reason');
  return notes;
}

interface Caller {
  who: string;
  as: { user: FakeUser; permissions?: string; guildId?: string | null };
  allowed: boolean;
}

const MANAGE_GUILD_ONLY = String(1n << 5n);
const ADMINISTRATOR = String(1n << 3n);

export const CALLERS: Caller[] = [
  { who: 'member with no permissions', as: { user: user('nobody'), permissions: PERMISSIONS.none }, allowed: false },
  { who: 'ordinary member', as: { user: user('member'), permissions: PERMISSIONS.member }, allowed: false },
  { who: 'member with every permission but Manage Server and Administrator', as: { user: user('almost'), permissions: String(((1n << 50n) - 1n) & ~(1n << 5n) & ~(1n << 3n)) }, allowed: false },
  { who: 'user in a DM, not an owner', as: { user: user('dm-user'), guildId: null }, allowed: false },
  { who: 'id that extends an owner id', as: { user: { ...user('long'), id: `${OWNER_ID}1` }, permissions: PERMISSIONS.member }, allowed: false },
  { who: 'id that is a prefix of an owner id', as: { user: { ...user('short'), id: OWNER_ID.slice(0, -1) }, permissions: PERMISSIONS.member }, allowed: false },
  { who: 'member with Manage Server', as: { user: user('manager'), permissions: MANAGE_GUILD_ONLY }, allowed: true },
  { who: 'member with Administrator (implies Manage Server)', as: { user: user('admin'), permissions: ADMINISTRATOR }, allowed: true },
  { who: 'owner in a server, without permissions', as: { user: owner, permissions: PERMISSIONS.none }, allowed: true },
  { who: 'owner in a DM', as: { user: owner, guildId: null }, allowed: true },
];

/** How /reindex and /add answered one caller: refused, let in, or something else. */
async function tryCommand(h: Harness, name: 'reindex' | 'add', c: Caller): Promise<'refused' | 'let in' | string> {
  const options = name === 'add' ? [stringOption('url', 'not a link')] : [];
  const i = h.command(name, options, c.as);
  const callback = await h.fake.waitForRequest((r) => r.path.endsWith(`/interactions/${i.id}/${i.token}/callback`));
  const content = callback.body?.data?.content;
  if (callback.body?.type === 4 && (content === REFUSAL || content === ADD_REFUSAL)) return 'refused';
  if (name === 'reindex' && callback.body?.type === 5) {
    await editOf(h, i.token, (b) => /Re-index (finished|failed)/.test(embedText(b)));
    return 'let in';
  }
  // /add checks the caller first, then the link: "not a link" means the caller was let in.
  if (name === 'add' && callback.body?.type === 4 && /full link/.test(content ?? '')) return 'let in';
  return `answered ${JSON.stringify(callback.body).slice(0, 120)}`;
}

/**
 * Runs the callers against /reindex and /add. `h` may build in-process (`buildRunner`): the gate,
 * not the build, is under test, and each let-in re-index waits for its report.
 */
export async function runPermissions(h: Harness, tally: Tally): Promise<void> {
  for (const name of ['reindex', 'add'] as const) {
    let held = 0;
    for (const c of CALLERS) {
      const got = await tryCommand(h, name, c);
      if (got === (c.allowed ? 'let in' : 'refused')) held++;
      else tally.fail(`/${name} by ${c.who}: ${got}, expected ${c.allowed ? 'let in' : 'refused'}`);
    }
    const refused = CALLERS.filter((c) => !c.allowed).length;
    tally.row(`/${name} by ${CALLERS.length} kinds of caller`, CALLERS.length, held, `${refused} refused (no Manage Server, not an owner, look-alike ids), ${CALLERS.length - refused} let in (Manage Server, Administrator, OWNER_IDS in a server and in a DM)`);
  }
}

/** A file outside the corpus, and links to it from inside. Its access time is set far back: a read moves it. */
export function plantOutside(root: string, corpusDir: string): { canary: string; atime: () => number; links: string[] } {
  const outside = path.join(root, 'outside');
  fs.mkdirSync(outside, { recursive: true });
  const canary = path.join(outside, 'secret.md');
  fs.writeFileSync(canary, `---\ntitle: Secret ${CANARY}\n---\n\nThe ${CANARY} password is hunter2, the vault said on Monday.\n`);
  fs.utimesSync(canary, new Date('2001-01-01'), new Date());
  const links: [string, string][] = [
    ['outside-relative.md', '../outside/secret.md'],
    ['outside-absolute.md', canary],
    ['outside-folder', '../outside'],
    ['etc-passwd.txt', '/etc/passwd'],
    ['root-folder', '/'],
    ['dangling.md', '../nowhere.md'],
  ];
  for (const [name, target] of links) fs.symlinkSync(target, path.join(corpusDir, name));
  return { canary, atime: () => fs.statSync(canary).atimeMs, links: links.map(([n]) => n) };
}

/** Path-like values for every string option of every command, sent as an owner with Manage Server. */
export async function probePathOptions(h: Harness, canary: string): Promise<{ sent: number; replies: RecordedRequest[] }> {
  const values = ['../outside/secret.md', canary, `file://${canary}`, `${h.config.CORPUS_DIR}/../outside/secret.md`, '..%2Foutside%2Fsecret.md', '/etc/passwd', '~/.ssh/id_rsa'];
  const commands = await loadCommands();
  let sent = 0;
  const replies: RecordedRequest[] = [];
  for (const command of commands) {
    const options = (command.data.toJSON().options ?? []).filter((o) => o.type === 3);
    for (const option of options) {
      for (const value of values) {
        const i = h.command(command.data.name, [stringOption(option.name, value)], { user: owner, permissions: MANAGE_GUILD_ONLY });
        sent++;
        replies.push(await h.fake.waitForRequest((r) => r.path.includes(i.token) && (r.body?.type === 4 || r.method === 'PATCH' || r.method === 'POST' && !r.path.endsWith('/callback'))));
      }
    }
  }
  for (const value of values) {
    const dm = directMessage({ content: value, author: owner, channelId: String(1300000000000008000n + BigInt(sent)) });
    h.fake.gateway.dispatch('MESSAGE_CREATE', dm);
    sent++;
    replies.push(await h.fake.waitForRequest((r) => r.path === `/channels/${dm.channel_id}/messages`));
  }
  return { sent, replies };
}

/** `npm start` as a process, with a token Discord refuses, at the most verbose log level: what it prints. */
export async function startWithRefusedToken(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const fake = await FakeDiscord.start({ token: 'a-different-token', applicationId: APP_ID });
  try {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
      env: { ...process.env, ...env, DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: APP_ID, DISCORD_API_URL: fake.apiUrl, LOG_LEVEL: 'trace' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    return { code, output };
  } finally {
    await fake.close();
  }
}

/** Paths and the token on `h` (the real bot, real build child, RATE_LIMIT_QUESTIONS raised); then `npm start` with a refused token. */
export async function runSecrets(h: Harness, startEnv: Record<string, string>, planted: ReturnType<typeof plantOutside>): Promise<CheckResult> {
  const tally = new Tally('secrets and permissions');
  const atimeBefore = planted.atime();

  // Paths: a re-index over the planted links, in the bot's build child, then path-like command options.
  const reindex = h.command('reindex', [], { user: owner });
  const report = embedText((await editOf(h, reindex.token, (b) => /Re-index (finished|failed)/.test(embedText(b)))).body);
  const skippedLinks = planted.links.filter((l) => report.includes(l)).length;
  const probes = await probePathOptions(h, planted.canary);
  const indexed = h.sitrep.sources().some((s) => s.title.includes(CANARY));
  const answer = await h.sitrep.answer(`What is the ${CANARY} password?`);
  const pathText = exposure(h) + JSON.stringify([answer.answer, answer.supporting, answer.sources]);
  const untouched = planted.atime() === atimeBefore;
  const pathHeld = !indexed && !pathText.includes(CANARY) && untouched && report.includes('Re-index finished');
  if (!pathHeld) tally.fail(`a path outside the corpus: indexed ${indexed}, canary in replies ${pathText.includes(CANARY)}, file read ${!untouched}, re-index: ${report.slice(0, 200)}`);
  tally.row(
    'read outside the corpus: symlinks (relative, absolute, folder, /etc/passwd, /), ../ and absolute paths in every string option and in DMs',
    planted.links.length + probes.sent,
    pathHeld ? planted.links.length + probes.sent : 0,
    `${skippedLinks} of ${planted.links.length} links reported as skipped by /reindex; planted file's access time unchanged: ${untouched}; its text in no reply and not in the index`,
  );

  // The token: every failure path, then a grep of everything the session logged and sent.
  const { value: notes, output } = await captureOutput(() => exerciseFailures(h));
  notes.forEach((n) => tally.fail(n));
  const session = exposure(h, [output]);
  const inSession = leaks(session);
  inSession.forEach((l) => tally.fail(`the token (${l === TOKEN ? 'whole' : 'its secret part'}) appeared in the session's logs or payloads`));
  const started = await startWithRefusedToken(startEnv);
  const inProcess = leaks(started.output);
  inProcess.forEach(() => tally.fail('the token appeared in the output of npm start with a refused token'));
  if (started.code !== 1 || !started.output.includes('Discord refused the token')) {
    tally.fail(`npm start with a refused token exited ${started.code}: ${started.output.slice(-300)}`);
  }
  tally.row(
    'token in logs, errors, replies: a failing answer and DM quoting it, a Discord error echoing it, a failed re-index, npm start with a refused token at log level trace',
    2,
    (inSession.length === 0 && notes.length === 0 ? 1 : 0) + (inProcess.length === 0 && started.code === 1 && started.output.includes('Discord refused the token') ? 1 : 0),
    `${h.logs.length} log lines, ${h.fake.requests.length} requests and ${session.length.toLocaleString('en-US')} characters of session output grepped, and ${started.output.split('\n').length} lines from npm start: token found ${inSession.length + inProcess.length} times`,
  );
  return tally.result();
}
