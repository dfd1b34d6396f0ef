/** Merging the state file another process saved into this one's, instead of overwriting it. */
import { describe, expect, it } from 'vitest';
import { baseOf, emptyState, mergeState, type IngestState } from '../../src/ingest/state.js';

const state = (feeds: IngestState['feeds'], alsoAt: IngestState['alsoAt'] = {}): IngestState => ({ ...emptyState(), feeds, alsoAt });

describe('mergeState', () => {
  it("takes the other process's entry for a feed only it read, and keeps ours for one only we read", () => {
    const base = state({ a: { seen: ['1'] }, b: { seen: ['x'] } });
    const ours = state({ a: { seen: ['1', '2'], etag: 'e2', readAt: '2031-01-02' }, b: { seen: ['x'] } });
    const disk = state({ a: { seen: ['1'] }, b: { seen: ['x', 'y'], etag: 'f', readAt: '2031-01-03' }, c: { seen: ['c1'] } });
    const held = ours.feeds.b!;
    mergeState(ours, baseOf(base), disk);
    expect(ours.feeds).toEqual({
      a: { seen: ['1', '2'], etag: 'e2', readAt: '2031-01-02' },
      b: { seen: ['x', 'y'], etag: 'f', readAt: '2031-01-03' },
      c: { seen: ['c1'] },
    });
    // In place: a run holding the feed's entry still writes into the merged state.
    expect(ours.feeds.b).toBe(held);
  });

  it('keeps what either saw of a feed both read, and the validators of the later read', () => {
    const base = state({ a: { seen: ['1'], etag: 'old' } });
    const ours = state({ a: { seen: ['1', '2'], etag: 'ours', readAt: '2031-01-02' } });
    const disk = state({ a: { seen: ['1', '3'], etag: 'theirs', readAt: '2031-01-03' } });
    mergeState(ours, baseOf(base), disk);
    expect(ours.feeds.a).toEqual({ seen: ['1', '3', '2'], etag: 'theirs', readAt: '2031-01-03' });
  });

  it('joins the other URLs recorded for a file', () => {
    const ours = state({}, { 'a.jsonl:1': ['https://x.example/1'] });
    mergeState(ours, {}, state({}, { 'a.jsonl:1': ['https://y.example/1'], 'b.txt': ['https://z.example/b'] }));
    expect(ours.alsoAt).toEqual({ 'a.jsonl:1': ['https://x.example/1', 'https://y.example/1'], 'b.txt': ['https://z.example/b'] });
  });
});
