import { describe, expect, it } from 'vitest';
import { readAsOfOption, splitMessageAsOf } from '../../src/bot/as-of.js';

const NOW = new Date('2026-12-01T10:00:00Z');

describe('as_of in Discord', () => {
  it('takes ISO and written dates, and nothing for today', () => {
    expect(readAsOfOption('2023-12-06', 'UTC', NOW)).toEqual({ ok: true, asOf: '2023-12-06' });
    expect(readAsOfOption('6 Dec 2023', 'UTC', NOW)).toEqual({ ok: true, asOf: '2023-12-06' });
    expect(readAsOfOption('December 6, 2023', 'UTC', NOW)).toEqual({ ok: true, asOf: '2023-12-06' });
    expect(readAsOfOption(null, 'UTC', NOW)).toEqual({ ok: true, asOf: undefined });
    // A day and month alone: its latest occurrence up to today.
    expect(readAsOfOption('6 Dec', 'UTC', NOW)).toEqual({ ok: true, asOf: '2025-12-06' });
  });
  it('refuses what names no single day, or a day after today', () => {
    for (const bad of ['soon', 'the day after the war', '2023-02-30', 'December 2023', '2027-01-01', '6 Dec 2023 and more words']) {
      const r = readAsOfOption(bad, 'UTC', NOW);
      expect(r.ok, bad).toBe(false);
    }
  });
  it('reads today in the configured time zone', () => {
    const lateUtc = new Date('2026-12-01T23:30:00Z');
    expect(readAsOfOption('2026-12-02', 'UTC', lateUtc).ok).toBe(false);
    expect(readAsOfOption('2026-12-02', 'Asia/Baghdad', lateUtc)).toEqual({ ok: true, asOf: '2026-12-02' });
  });
  it('splits "as of …:" off a direct message and leaves other messages whole', () => {
    expect(splitMessageAsOf('as of 6 Dec 2023: how many attacks?', 'UTC', NOW)).toEqual({ asOf: '2023-12-06', question: 'how many attacks?' });
    expect(splitMessageAsOf('how many attacks as of now?', 'UTC', NOW)).toEqual({ asOf: undefined, question: 'how many attacks as of now?' });
  });
});
