/** The growth measure itself: a function that is quadratic in its input still fails it, retries and all. */
import { expect, it } from 'vitest';
import { measureGrowth, repeat } from './lib/growth.js';

it('catches quadratic growth, even measuring a too-fast step again', () => {
  // A backtracking pattern: on "aaaa…b" with no "c", every start re-scans the rest.
  const quadratic = { name: 'backtracking', make: (n: number) => repeat('a', n, '', 'b'), run: (s: string) => /a*c/.test(s) };
  const growth = measureGrowth(quadratic, [12, 12], [2_000, 20_000, 200_000]);
  expect(growth.tooFast.length).toBe(1);
  expect(Math.max(...growth.ratios)).toBeGreaterThan(30);
}, 60_000);
