import { describe, expect, it } from 'vitest';
import { isMisspelling } from '../../src/answer/misspelling.js';
import { isYesNoQuestion } from '../../src/answer/question.js';

describe('isMisspelling', () => {
  it('joins a long word and its slip: letters swapped, one added, dropped or changed', () => {
    expect(isMisspelling('casualties', 'causalities')).toBe(true);
    expect(isMisspelling('ammunition', 'amunition')).toBe(true);
    expect(isMisspelling('statement', 'statment')).toBe(true);
  });

  it('keeps apart short words, words of another first letter, and words further apart', () => {
    expect(isMisspelling('protest', 'protect')).toBe(false);
    expect(isMisspelling('casualties', 'casualties')).toBe(false);
    expect(isMisspelling('military', 'ilitarym')).toBe(false);
    expect(isMisspelling('hospitals', 'hostilities')).toBe(false);
  });
});

describe('isYesNoQuestion', () => {
  it('tells a question to settle from one that asks for words', () => {
    expect(isYesNoQuestion('Was anyone hurt in the drone attack?')).toBe(true);
    expect(isYesNoQuestion('Did the strike hit the airport?')).toBe(true);
    expect(isYesNoQuestion('Who claimed the attack?')).toBe(false);
    expect(isYesNoQuestion('Was it Hamas or Hezbollah that claimed what happened?')).toBe(false);
  });
});
