/**
 * One writer: the lock shared by index builds, the GloVe cache and the corpus writer, raced for by
 * real processes; and the same article added by several processes at once (two `npm run add`, cron
 * beside the bot), which stored it twice and let the last state save win.
 */
import fs from 'node:fs';
import path from 'node:path';
import { acquireLock, releaseLock } from '../../../src/corpus/file-lock.js';
import { readState } from '../../../src/ingest/state.js';
import { deadPid, plantHolding, race } from '../../corpus/lib/lock-race.js';
import { writerWorkspace } from '../../ingest/lib/writers.js';
import { TestSite } from '../../ingest/site.js';
import { Tally, ms, quantile, type CheckResult } from './report.js';

export interface WriterSizes {
  /** Processes racing for each stale lock. */
  lockContenders: number;
  /** Rounds of that race, alternating the kinds of stale holding. */
  lockRounds: number;
  /** Processes adding the same link at once. */
  addWriters: number;
  addRounds: number;
}

const STALE_KINDS = [
  { kind: 'a dead process', owner: () => ({ pid: deadPid() }), ageMs: 0 },
  // The pid of this process: alive, and not any contender's, as a reused pid is.
  { kind: 'a live, reused pid whose heartbeat stopped', owner: () => ({ pid: process.pid, token: 'reused' }), ageMs: 10_000 },
];

export async function runWriters(sizes: WriterSizes, root: string): Promise<CheckResult> {
  const tally = new Tally('one writer');

  const raceMs: number[] = [];
  const kinds = new Map<string, number>();
  let raceHeld = 0;
  for (let round = 0; round < sizes.lockRounds; round++) {
    const { kind, owner, ageMs } = STALE_KINDS[round % STALE_KINDS.length]!;
    const lockDir = path.join(root, `stale-${round}`, 'build.lock');
    plantHolding(lockDir, 1, owner(), ageMs);
    const r = await race(lockDir, path.join(root, 'races'), sizes.lockContenders, { holdMs: 40, staleMs: 3000, heartbeatMs: 200 });
    raceMs.push(r.ms);
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    if (r.holds === sizes.lockContenders && r.overlaps === 0 && r.alternates && r.codes.every((c) => c === 0)) raceHeld++;
    else tally.fail(`stale lock race round ${round} (${kind}): ${JSON.stringify(r)}`);
  }
  tally.row(
    `${sizes.lockContenders} processes released at once on a stale lock (${[...kinds.keys()].join('; ')})`,
    sizes.lockRounds,
    raceHeld,
    `each round: ${sizes.lockContenders} holds one after another, 2 at once never; all in p50 ${ms(quantile(raceMs, 0.5))} (40 ms each)`,
  );

  // This process's own pid, as a lock left before a container restart names it.
  let ownHeld = 0;
  for (const ageMs of [0, 60_000]) {
    const lockDir = path.join(root, `own-${ageMs}`, 'build.lock');
    plantHolding(lockDir, 1, { pid: process.pid, token: 'before-restart' }, ageMs);
    try {
      const held = await acquireLock(lockDir);
      await releaseLock(lockDir, held);
      ownHeld++;
    } catch (err) {
      tally.fail(`a lock naming this pid (heartbeat ${ageMs} ms old) was not taken over: ${(err as Error).message}`);
    }
  }
  tally.row("a lock naming this process's own pid, left by an earlier process (heartbeat fresh, stale)", 2, ownHeld, 'taken over at once both times');

  const blocked = await race(path.join(root, 'blocked', 'build.lock'), path.join(root, 'races'), 3, { holdMs: 1500, staleMs: 500, heartbeatMs: 100, block: true });
  const blockedHeld = blocked.holds === 3 && blocked.overlaps === 0 && blocked.alternates;
  if (!blockedHeld) tally.fail(`a holder with a blocked main thread was not respected: ${JSON.stringify(blocked)}`);
  tally.row('3 processes whose holder blocks its main thread 1.5 s, past the 0.5 s stale age', 1, blockedHeld ? 1 : 0, `2 at once: ${blocked.overlaps}; the heartbeat beats in its own thread`);

  const site = await TestSite.start();
  try {
    let addHeld = 0;
    for (let round = 0; round < sizes.addRounds; round++) {
      const w = writerWorkspace(root, `add-${round}`);
      const outcomes = (await w.runAtOnce(Array.from({ length: sizes.addWriters }, () => ['add', site.url('/news/a')]))).flat();
      const added = outcomes.filter((o) => o.status === 'added').length;
      const duplicates = outcomes.filter((o) => o.status === 'duplicate').length;
      if (added === 1 && duplicates === sizes.addWriters - 1 && w.articles().length === 1) addHeld++;
      else tally.fail(`double add round ${round}: ${added} added, ${duplicates} duplicates, files ${JSON.stringify(w.articles())}`);
    }
    tally.row(`the same link added by ${sizes.addWriters} processes at once`, sizes.addRounds, addHeld, `each round: 1 file, 1 added, ${sizes.addWriters - 1} duplicates`);

    const wire = writerWorkspace(root, 'wire');
    const wireOutcomes = (await wire.runAtOnce([['add', site.url('/wire/harbour')], ['add', site.url('/wire/dispatch')]])).flat();
    const wireText = wire.articles().length === 1 ? fs.readFileSync(path.join(wire.env.CORPUS_DIR, wire.articles()[0]!), 'utf8') : '';
    const wireHeld = wireOutcomes.filter((o) => o.status === 'added').length === 1 && /also_at:\n {2}- http/.test(wireText);
    if (!wireHeld) tally.fail(`one story at two addresses: ${JSON.stringify(wireOutcomes)}, files ${JSON.stringify(wire.articles())}`);
    tally.row('one story at two addresses, added by 2 processes at once', 1, wireHeld ? 1 : 0, `${wire.articles().length} file, the other address in its also_at`);

    const feeds = writerWorkspace(root, 'feeds');
    const rss = site.url('/feed.rss');
    const atom = site.url('/feed.atom');
    await feeds.runAtOnce([['feeds', rss], ['feeds', atom]]);
    const state = await readState(feeds.env.INGEST_STATE_FILE);
    const feedsHeld = (state.feeds[rss]?.seen.length ?? 0) > 0 && (state.feeds[atom]?.seen.length ?? 0) > 0;
    if (!feedsHeld) tally.fail(`two feeds read at once by 2 processes: state ${JSON.stringify(state.feeds)}`);
    tally.row('2 processes reading different feeds at once, one state file', 1, feedsHeld ? 1 : 0, `feeds kept in the state: ${Object.keys(state.feeds).length} of 2 (merged under the lock, not last-writer-wins)`);
  } finally {
    await site.close();
  }
  return tally.result();
}
