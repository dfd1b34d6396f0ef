/**
 * Hostile shapes of input and a timer that measures how a function's time grows with its input.
 * A shape is a repeated unit: the patterns that used to backtrack (a run of dots, `**a ` without a
 * closer, `<a` without `>`) cost time growing with the square of such runs, 100× per 10× input.
 */

export interface Shape<T = string> {
  /** `function: what the input looks like`. */
  name: string;
  /** The input, of about `bytes` characters (or built from that much text); not timed. */
  make: (bytes: number) => T;
  /** The call measured; what it returns is ignored. */
  run: (input: T) => unknown;
}

/** `unit` repeated to about `bytes` characters, with `head` before and `tail` after. */
export function repeat(unit: string, bytes: number, head = '', tail = ''): string {
  return head + unit.repeat(Math.max(1, Math.floor((bytes - head.length - tail.length) / unit.length))) + tail;
}

/**
 * Milliseconds of CPU one call takes (this process's, GC threads included). CPU time rather than
 * the clock: on a machine shared with other work, a long call is interrupted more often than a
 * short one, which the clock would count as growth.
 */
function timeOnce(fn: () => unknown): number {
  const started = process.cpuUsage();
  fn();
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1000;
}

export const SIZES = [10_000, 100_000, 1_000_000] as const;
/** Below this, a larger input's time says nothing about growth (timer, GC and JIT noise). */
export const FLOOR_MS = 20;
/** Linear growth is 10× per 10× input; this leaves room for noise, not for n² (100×). */
export const MAX_RATIO = 12;
/** Rounds of timing for each pair of sizes compared; the best of each is kept. */
const ROUNDS = 7;

/**
 * Best times of `run` on each pair of neighbouring inputs, timed in turns round after round: a burst
 * of load from the rest of the machine then slows both sizes or neither. `judge(step, best)` may stop
 * the measuring after a step by returning false.
 */
function bestTimes<T>(inputs: T[], run: (input: T) => unknown, judge: (step: number, best: number[]) => boolean): number[] {
  const best = inputs.map(() => Infinity);
  for (let step = 1; step < inputs.length; step++) {
    for (const i of [step - 1, step]) run(inputs[i]!); // warm the JIT
    for (let round = 0; round < ROUNDS; round++) {
      for (const i of [step - 1, step]) best[i] = Math.min(best[i]!, timeOnce(() => run(inputs[i]!)));
    }
    if (!judge(step, best)) return best.slice(0, step + 1);
  }
  return best;
}

/** Time per 10× input of one step, with the smaller time floored so that noise below it is not growth. */
const stepRatio = (best: number[], step: number) => best[step]! / Math.max(best[step - 1]!, FLOOR_MS / MAX_RATIO);

/**
 * The engine's own one-pass work, which any text function does at least once: a `replace` of
 * every character of a one-byte and of a two-byte string. Its time is linear in principle, yet V8
 * grows it 12–20× from 100 KB to 1 MB even with a large young generation (a million matches fill
 * arrays kept outside it), and a function judged by MAX_RATIO alone would fail for the engine's sake.
 */
const ENGINE_PASSES: Shape[] = [
  { name: 'one-byte replace', make: (n) => 'a'.repeat(n), run: (s) => s.replace(/[^]/g, '-') },
  { name: 'two-byte replace', make: (n) => '\u00a0\u2003'.repeat(n / 2), run: (s) => s.replace(/[\u00a0\u2003]/g, ' ') },
];

/**
 * The growth each step may show: MAX_RATIO, scaled up by as much as the engine's one-pass work
 * grew past 10× at that step on this machine (by 1 when it grew linearly).
 */
export function allowedRatios(sizes: readonly number[] = SIZES): number[] {
  const allowed = sizes.slice(1).map(() => MAX_RATIO);
  for (const pass of ENGINE_PASSES) {
    const best = bestTimes(sizes.map((n) => pass.make(n)), pass.run, () => true);
    for (let step = 1; step < sizes.length; step++) {
      allowed[step - 1] = Math.max(allowed[step - 1]!, (MAX_RATIO * stepRatio(best, step)) / 10);
    }
  }
  return allowed;
}

export interface Growth {
  /** Best CPU time at each size measured, in ms; measuring stops after the first step that grew too fast. */
  ms: number[];
  /** Time per 10× input for each step measured (see `stepRatio`). */
  ratios: number[];
  /** The growth each step was allowed (see `allowedRatios`). */
  allowed: number[];
  /** The steps that grew faster than allowed with the larger time over FLOOR_MS. */
  tooFast: number[];
}

/**
 * Times a step that grew too fast is measured again, from fresh rounds: a burst of load from tests
 * running beside this one can cost a linear function ×13 once (seen on a clean CI run), while n²
 * growth shows ×100 every time.
 */
const RETRIES = 2;

/** Measures `shape` at each of `sizes`, stopping once a step grew faster than `allowed` on every try. */
export function measureGrowth<T>(shape: Shape<T>, allowed: number[], sizes: readonly number[] = SIZES): Growth {
  const out: Growth = { ms: [], ratios: [], allowed, tooFast: [] };
  const inputs = sizes.map((size) => shape.make(size));
  const fits = (best: number[], step: number) => stepRatio(best, step) <= allowed[step - 1]! || best[step]! < FLOOR_MS;
  out.ms = bestTimes(inputs, shape.run, (step, best) => {
    for (let retry = 0; retry < RETRIES && !fits(best, step); retry++) {
      const again = bestTimes([inputs[step - 1]!, inputs[step]!], shape.run, () => true);
      if (stepRatio(again, 1) < stepRatio(best, step)) [best[step - 1], best[step]] = [again[0]!, again[1]!];
    }
    out.ratios.push(stepRatio(best, step));
    if (fits(best, step)) return true;
    out.tooFast.push(step);
    return false;
  });
  return out;
}

export const describeGrowth = (g: Growth, sizes: readonly number[] = SIZES) =>
  `${g.ms.map((ms, i) => `${sizes[i]! / 1000} KB ${ms.toFixed(1)} ms`).join(', ')} (×${g.ratios.map((r) => r.toFixed(1)).join(', ×')}; allowed ×${g.allowed.map((r) => r.toFixed(1)).join(', ×')})`;
