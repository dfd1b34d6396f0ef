import { describe, expect, it } from 'vitest';
import { countLine, incidentFilter, incidentQuestion, periodWords } from '../../src/incidents/index.js';
import { dayOf } from '../../src/time/days.js';

describe('incidentQuestion', () => {
  it('reads a count of incidents, with the kind and place it names', () => {
    expect(incidentQuestion('How many attacks since Oct 17?')).toEqual({ ask: 'count' });
    expect(incidentQuestion('How many drone attacks on US forces in Syria since January?')).toEqual({ ask: 'count', kind: 'drone', place: 'Syria' });
    expect(incidentQuestion('How many Houthi missile strikes were there in March?')).toEqual({ ask: 'count', kind: 'missile' });
    expect(incidentQuestion('How many airstrikes hit Gaza City this week?')).toEqual({ ask: 'count', kind: 'airstrike' });
  });

  it('does not take a count of people or targets for a count of incidents', () => {
    expect(incidentQuestion('How many people were killed in the strikes on Kirkuk?')).toBeNull();
    expect(incidentQuestion('How many people killed in strikes?')).toBeNull();
    expect(incidentQuestion('How many targets did the US hit in the January strikes?')).toBeNull();
    expect(incidentQuestion('Who claimed the drone attack on Ain al-Asad?')).toBeNull();
  });

  it('reads "when was the last attack on <place>", with a kind and in the passive', () => {
    expect(incidentQuestion('When was the last attack on Ain al-Asad?')).toEqual({ ask: 'last', place: 'Ain al-Asad' });
    expect(incidentQuestion('When was the most recent rocket attack on the Tower 22 base?')).toEqual({ ask: 'last', kind: 'rocket', place: 'Tower 22' });
    expect(incidentQuestion('When was the latest drone strike on US troops in Iraq?')).toEqual({ ask: 'last', kind: 'drone', place: 'Iraq' });
    expect(incidentQuestion('When was Erbil last attacked?')).toEqual({ ask: 'last', place: 'Erbil' });
    // No place named: not a question the records answer alone.
    expect(incidentQuestion('When was the last attack?')).toBeNull();
  });
});

describe('the count line', () => {
  const asOf = dayOf(2023, 12, 6);

  it('says what the corpus reports for the period, kind and place asked', () => {
    const filter = incidentFilter({ ask: 'count' }, { from: dayOf(2023, 10, 17), to: asOf }, asOf);
    expect(filter).toEqual({ since: '2023-10-17', until: '2023-12-06', publishedBy: '2023-12-06' });
    expect(countLine(12, filter, asOf)).toBe("Sitrep's corpus reports 12 distinct incidents since 17 Oct 2023");
    const drones = incidentFilter({ ask: 'count', kind: 'drone', place: 'Iraq' }, { from: dayOf(2023, 11, 1), to: dayOf(2023, 11, 30) }, asOf);
    expect(countLine(1, drones, asOf)).toBe("Sitrep's corpus reports 1 distinct drone incident in Iraq from 1 Nov 2023 to 30 Nov 2023");
  });

  it('words an open period as up to the as-of day, and a single day as that day', () => {
    expect(periodWords(incidentFilter({ ask: 'count' }, null, asOf), asOf)).toBe('up to 6 Dec 2023');
    expect(periodWords({ since: '2023-12-03', until: '2023-12-03' }, asOf)).toBe('on 3 Dec 2023');
  });
});
