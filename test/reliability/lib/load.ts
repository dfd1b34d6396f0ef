/**
 * Load: many questions in flight at once, through the answer API and through the fake Discord,
 * alone and while /reindex rebuilds in its child process and swaps. Every question must be answered
 * exactly once; latency and event-loop delay are measured, not asserted.
 */
import fs from 'node:fs';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { IndexKeeper } from '../../../src/bot/index-keeper.js';
import { createLogger } from '../../../src/bot/logger.js';
import { resolveDir, type Config } from '../../../src/config.js';
import type { Sitrep } from '../../../src/sitrep.js';
import { user, type FakeInteraction } from '../../fake-discord/payloads.js';
import type { RecordedRequest } from '../../fake-discord/server.js';
import { OWNER_ID, embedText, type Harness } from '../../bot/harness.js';
import { PERMISSIONS } from '../../fake-discord/payloads.js';
import { ms, quantile } from './report.js';

export interface LoadFigures {
  asked: number;
  /** Answered exactly once, each with the answer to its own question. */
  answered: number;
  lost: number;
  duplicated: number;
  latencies: number[];
  loop: { p50: number; p99: number; max: number };
  seconds: number;
  /** With a re-index: whether it swapped while answers were in flight, and how long the swap took (it reads in steps: the loop turns meanwhile). */
  reindex?: { swapped: boolean; duringAnswers: boolean; reloadMs: number; buildSeconds: number };
}

export function figuresText(f: LoadFigures): string {
  const parts = [
    `answered ${f.answered}, lost ${f.lost}, duplicated ${f.duplicated}`,
    `latency p50 ${ms(quantile(f.latencies, 0.5))}, p95 ${ms(quantile(f.latencies, 0.95))}`,
    `loop delay p50 ${ms(f.loop.p50)}, p99 ${ms(f.loop.p99)}, max ${ms(f.loop.max)}`,
    `${f.seconds.toFixed(1)} s`,
  ];
  if (f.reindex) {
    parts.push(
      `re-index ${f.reindex.buildSeconds.toFixed(1)} s in its child, swapped ${f.reindex.swapped ? (f.reindex.duringAnswers ? 'while answering' : 'after the answers') : 'never'}, the swap took ${ms(f.reindex.reloadMs)}`,
    );
  }
  return parts.join('; ');
}

const SAMPLE_MS = 10;

/**
 * Event-loop delay over a window, in ms: monitorEventLoopDelay samples every 10 ms and records the
 * whole interval between two samples, so the 10 ms are taken off to leave the delay itself.
 */
export function watchLoop(): { stop(): Promise<LoadFigures['loop']> } {
  const h = monitorEventLoopDelay({ resolution: SAMPLE_MS });
  h.enable();
  const delay = (ns: number) => Math.max(0, ns / 1e6 - SAMPLE_MS);
  return {
    async stop() {
      // Let the sampling timer fire once more, so a stall that lasted to the end is recorded.
      await sleep(3 * SAMPLE_MS);
      h.disable();
      return { p50: delay(h.percentile(50)), p99: delay(h.percentile(99)), max: delay(h.max) };
    },
  };
}

export interface Reload {
  start: number;
  end: number;
  /** The same two moments by the wall clock (Date.now), as the fake Discord stamps its requests. */
  wall: { start: number; end: number };
  swapped: boolean;
  /** Answers whose call overlapped the reload: asked before it ended, answered after it began. */
  overlapping: number;
}

/**
 * Times `sitrep.reload()` calls (the one part of a re-index on the bot's own thread) and counts the
 * answers in flight across them.
 */
export function instrument(sitrep: Sitrep): { sitrep: Sitrep; reloads: Reload[] } {
  const reloads: Reload[] = [];
  const answers: { start: number; end: number }[] = [];
  const wrapped: Sitrep = {
    candidates: (q, o) => sitrep.candidates(q, o),
    async answer(q) {
      const call = { start: performance.now(), end: Number.POSITIVE_INFINITY };
      answers.push(call);
      try {
        return await sitrep.answer(q);
      } finally {
        call.end = performance.now();
        for (const r of reloads) if (call.start < r.end && call.end > r.start) r.overlapping++;
      }
    },
    search: (q, o) => sitrep.search(q, o),
    timeline: (f) => sitrep.timeline(f),
    sources: () => sitrep.sources(),
    info: () => sitrep.info(),
    async reload() {
      const start = performance.now();
      const wallStart = Date.now();
      const swapped = await sitrep.reload();
      const end = performance.now();
      const wall = { start: wallStart, end: Date.now() };
      // Answers that ended during the reload are counted here; those still running, when they end.
      const overlapping = answers.filter((a) => a.start < end && a.end > start && Number.isFinite(a.end)).length;
      reloads.push({ start, end, wall, swapped, overlapping });
      return swapped;
    },
  };
  return { sitrep: wrapped, reloads };
}

/** Adds an article so that a re-index has something new to build. */
export function addArticle(corpusDir: string, n: number): void {
  fs.writeFileSync(
    path.join(corpusDir, `load-${n}.md`),
    `---\ntitle: Convoy report ${n}\nsource: Wire\npublished: 2024-05-0${1 + (n % 9)}\n---\n\nA convoy of ${n + 3} trucks reached the northern crossing on Thursday, officials said.\n`,
  );
}

const reindexFigures = (reloads: Reload[], buildSeconds: number): LoadFigures['reindex'] => {
  const swap = reloads.find((r) => r.swapped);
  return { swapped: swap !== undefined, duringAnswers: (swap?.overlapping ?? 0) > 0, reloadMs: swap ? swap.end - swap.start : Number.NaN, buildSeconds };
};

/** For Discord, an interaction is in flight from its dispatch to its answer, deferral and all. */
function discordReindex(
  reloads: Reload[],
  reportText: string,
  sent: { at: number }[],
  edits: PromiseSettledResult<RecordedRequest>[],
): LoadFigures['reindex'] {
  const figures = reindexFigures(reloads, Number(/Time\n(\d+(?:\.\d+)?) s/.exec(reportText)?.[1]))!;
  const swap = reloads.find((r) => r.swapped);
  const spanning = swap
    ? sent.filter((s, k) => {
        const e = edits[k]!;
        return e.status === 'fulfilled' && s.at <= swap.wall.end && e.value.at >= swap.wall.start;
      }).length
    : 0;
  return { ...figures, duringAnswers: spanning > 0 };
}

/**
 * Asks every question at once through `answer`; with `reindex`, a /reindex-style rebuild (the bot's
 * IndexKeeper and its child process) runs at the same time, and questions keep coming until it has
 * swapped.
 */
export async function answerBurst(sitrep: Sitrep, questions: string[], reindex?: { config: Config; round: number }): Promise<LoadFigures> {
  const probe = instrument(sitrep);
  const keeper = reindex ? new IndexKeeper(probe.sitrep, reindex.config, createLogger({ LOG_LEVEL: 'silent', DISCORD_TOKEN: undefined })) : null;
  if (reindex) addArticle(resolveDir(reindex.config.CORPUS_DIR), reindex.round);

  const loop = watchLoop();
  const started = performance.now();
  let rebuildDone = false;
  const rebuild = keeper?.rebuild().finally(() => (rebuildDone = true));
  const latencies: number[] = [];
  let answered = 0;
  const ask = async (q: string) => {
    const t0 = performance.now();
    try {
      const a = await probe.sitrep.answer(q);
      if (a.question === q) {
        answered++;
        latencies.push(performance.now() - t0);
      }
    } catch {
      // Counted as lost below.
    }
  };
  await Promise.all(questions.map(ask));
  let asked = questions.length;
  // Ten lanes of one question after another, until the swap: it must happen with answers in flight.
  const lane = async () => {
    while (rebuild && !rebuildDone) {
      const q = questions[asked++ % questions.length]!;
      await Promise.all([ask(q), sleep(10)]);
    }
  };
  await Promise.all(Array.from({ length: 10 }, lane));
  const result = rebuild ? await rebuild : null;
  const seconds = (performance.now() - started) / 1000;
  return {
    asked,
    answered,
    lost: asked - answered,
    duplicated: 0,
    latencies,
    loop: await loop.stop(),
    seconds,
    reindex: result ? reindexFigures(probe.reloads, result.summary.seconds) : undefined,
  };
}

/**
 * Dispatches `count` /ask interactions at once through the fake Discord, each from its own user;
 * with `reindex`, an owner's /reindex of a changed corpus just before, and more questions until it
 * has reported. Counts the replies of each
 * interaction: one deferral, one edit with the answer, no apology. `reloads` comes from the harness's
 * Sitrep wrapped with `instrument`.
 */
export async function discordBurst(h: Harness, questions: string[], count: number, reindex?: { round: number; reloads: Reload[] }): Promise<LoadFigures> {
  if (reindex) addArticle(resolveDir(h.config.CORPUS_DIR), reindex.round);
  const earlierReloads = reindex?.reloads.length ?? 0;
  const loop = watchLoop();
  const started = performance.now();
  const owner = reindex ? h.command('reindex', [], { user: { ...user('owner'), id: OWNER_ID }, permissions: PERMISSIONS.member }) : null;
  const answered = (i: FakeInteraction) => h.edit(i, (b) => Array.isArray(b?.embeds) && b.embeds.length > 0);
  const send = (n: number) => ({ at: Date.now(), i: h.ask(questions[n % questions.length]!, { user: user(`load${n}`) }) });
  const sent = Array.from({ length: count }, (_, n) => send(n));
  const replies = sent.map((s) => answered(s.i));
  let report: RecordedRequest | null = null;
  const reported = owner ? h.edit(owner, (b) => /Re-index (finished|failed)/.test(embedText(b))).then((r) => (report = r)) : null;
  await Promise.allSettled(replies);
  // Until the re-index has reported, three more questions every 30 ms: the swap must meet answers in flight.
  while (reported && !report) {
    for (let k = 0; k < 3; k++) {
      const s = send(sent.length);
      sent.push(s);
      replies.push(answered(s.i));
    }
    await Promise.race([sleep(30), reported]);
  }
  await reported;
  const edits = await Promise.allSettled(replies);
  const seconds = (performance.now() - started) / 1000;
  await sleep(200); // a duplicate reply, if any, would arrive by now
  let ok = 0;
  let duplicated = 0;
  const latencies: number[] = [];
  sent.forEach((s, k) => {
    const reqs = h.fake.requestsFor(s.i);
    const callbacks = reqs.filter((r) => r.path.endsWith('/callback')).length;
    const edited = reqs.filter((r) => r.method === 'PATCH' && r.path.endsWith('/messages/@original')).length;
    const followUps = reqs.filter((r) => r.method === 'POST' && !r.path.endsWith('/callback')).length;
    const edit = edits[k]!;
    if (callbacks > 1 || edited > 1) duplicated++;
    else if (edit.status === 'fulfilled' && callbacks === 1 && edited === 1 && followUps === 0) {
      ok++;
      latencies.push(edit.value.at - s.at);
    }
  });
  const reportText = report ? embedText((report as RecordedRequest).body) : '';
  return {
    asked: sent.length,
    answered: ok,
    lost: sent.length - ok - duplicated,
    duplicated,
    latencies,
    loop: await loop.stop(),
    seconds,
    reindex: reindex && reportText.includes('Re-index finished') ? discordReindex(reindex.reloads.slice(earlierReloads), reportText, sent, edits) : undefined,
  };
}
