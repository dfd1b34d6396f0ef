import { describe, expect, it } from 'vitest';
import { eventClauses, secondEventDay } from '../../src/incidents/second-event.js';
import type { EventDay } from '../../src/incidents/index.js';

const clauses = (s: string) => {
  const c = eventClauses(s);
  return c && { first: s.slice(c.first.start, c.first.end), second: s.slice(c.second.start, c.second.end), relation: c.relation, coordinate: c.coordinate };
};

describe('eventClauses', () => {
  it('divides a sentence at the joint to the other event it tells of', () => {
    expect(clauses('Rebels shelled Karvan on Friday in retaliation for an airstrike that killed six in Dunmere.')).toEqual({
      first: 'Rebels shelled Karvan on Friday ',
      second: 'in retaliation for an airstrike that killed six in Dunmere.',
      relation: 'before',
      coordinate: false,
    });
    expect(clauses('Two guards are shot dead in Karvan, one day after a bomb exploded in Dunmere.')?.relation).toBe('dayBefore');
  });

  it('ends the second clause where the speaker is named', () => {
    expect(clauses('Drones struck Karvan in response to a rocket attack on Dunmere, the army said.')?.second).toBe('in response to a rocket attack on Dunmere');
  });

  it('divides two acts joined by "and", and says they are joined so', () => {
    expect(clauses('The group fired rockets at the Zarqa Air Base and attacked the Tamsir naval base with drones.')).toMatchObject({ second: 'attacked the Tamsir naval base with drones.', coordinate: true });
  });

  it('does not divide where no event follows the joint soon', () => {
    expect(eventClauses('The strike hit a depot, hours after the talks in Dunmere ended without a deal on the bridge, the fuel or the prisoners taken in a raid.')).toBeNull();
    expect(eventClauses('A drone struck a fuel depot in Karvan on Monday.')).toBeNull();
  });
});

describe('secondEventDay', () => {
  const first: EventDay = { day: '2025-03-04', basis: 'relative', span: { value: '2025-03-04', text: 'Tuesday', start: 30, end: 37 } };
  const joint = { text: 'a day after', start: 40, end: 51 };

  it('dates the other event by its joint from the first event\'s day', () => {
    expect(secondEventDay(first, 'dayBefore', joint)).toEqual({ day: '2025-03-03', basis: 'relative', span: { value: '2025-03-03', ...joint } });
    expect(secondEventDay(first, 'dayAfter', joint)?.day).toBe('2025-03-05');
    expect(secondEventDay(first, 'same', joint)?.day).toBe('2025-03-04');
  });

  it('gives no day when the joint says only "before" or the first has none', () => {
    expect(secondEventDay(first, 'before', joint)).toBeNull();
    expect(secondEventDay(null, 'dayBefore', joint)).toBeNull();
  });
});
