import { describe, expect, it } from 'vitest';
import { answerTypeOf, parseQuestion, sameDay } from '../../src/answer/question.js';

describe('question analysis', () => {
  it.each([
    ['How many attacks since Oct 17?', 'quantity'],
    ['What is the death toll?', 'quantity'],
    ['When did the strike happen?', 'date'],
    ['On what date was the base hit?', 'date'],
    ['Who claimed the attack?', 'actor'],
    ['Which group carried out the strike?', 'actor'],
    ['Where was the drone launched?', 'place'],
    ['In which province did the strike take place?', 'place'],
    ['Why did the group attack?', 'reason'],
    ['What is the Harbour Guard?', 'definition'],
    ['What is the death toll in Gaza?', 'quantity'],
    ['What is the capital of France?', 'place'],
  ])('%s wants a %s', (q, type) => {
    expect(answerTypeOf(q)).toBe(type);
  });

  it('finds the counted noun of a quantity question', () => {
    expect(parseQuestion('How many militants were killed?').focus?.word).toBe('militants');
    expect(parseQuestion('How many times did it happen?').focus?.word).toBe('times');
  });

  it('keeps content words and drops question words', () => {
    expect(parseQuestion('How many attacks were there since Oct 17?').terms).toEqual(['attack', 'sinc', 'octob', '17']);
  });

  it('marks capitalised words inside the question as names', () => {
    const q = parseQuestion('Who claimed the drone attack on Ain al-Asad?');
    expect([...q.names]).toEqual(['ain', 'asad']);
  });

  it('reads the dates a question names', () => {
    const [d] = parseQuestion('How many attacks since Oct 17?').dates;
    expect(d).toMatchObject({ month: 10, day: 17 });
    expect(sameDay(d!, { month: 10, day: 17, year: 2023 })).toBe(true);
    expect(sameDay(d!, { month: 10, day: 18 })).toBe(false);
  });

  it('reads the kind a which/what question asks for, leaving out names and verbs that follow at once', () => {
    const words = (q: string) => parseQuestion(q).asked.map((t) => t.word);
    expect(words('Which Polish village did the missile land in?')).toEqual(['village']);
    expect(words('What kind of drone hit the depot?')).toEqual(['drone', 'hit']);
    expect(words('What codename did the army give the raid?')).toEqual(['codename']);
    expect(words('What was hit in the strike?')).toEqual([]);
    expect(words('How many raids since March?')).toEqual([]);
  });
});
