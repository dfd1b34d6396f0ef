import { describe, expect, it } from 'vitest';
import { parseQuestion } from '../../src/answer/question.js';
import { answerSpans, sameTerm } from '../../src/answer/spans.js';

const best = (sentence: string, question: string) => answerSpans(sentence, parseQuestion(question), { similarity: sameTerm })[0];

describe('answer spans', () => {
  it('ties a quantity to the counted noun, with its qualifier', () => {
    const s = 'Officials counted at least 40 raids since March 3, 12 days after the ceasefire.';
    expect(best(s, 'How many raids since March 3?')?.text).toBe('at least 40 raids');
  });

  it('reads number words and skips dates, years and compounds', () => {
    const s = 'On 4 May 2021 a one-off strike killed seven fighters.';
    expect(best(s, 'How many fighters died?')?.text).toBe('seven fighters');
  });

  it('finds named groups for who-questions, preferring those beside the question words', () => {
    const s = 'The Northern Liberation Front claimed the bombing near the border.';
    expect(best(s, 'Who claimed the bombing?')?.text).toBe('Northern Liberation Front');
  });

  it('does not answer a who-question with the names it asked about', () => {
    const s = 'Camp Harlow was shelled on Monday.';
    expect(best(s, 'Who shelled Camp Harlow?')).toBeUndefined();
  });

  it('finds places after location prepositions', () => {
    const s = 'The convoy was hit near Tal Abyad on Friday.';
    expect(best(s, 'Where was the convoy hit?')?.text).toBe('Tal Abyad');
  });

  it('finds dates for when-questions', () => {
    const s = 'The depot exploded on 14 February 2022, officials said.';
    expect(best(s, 'When did the depot explode?')?.text).toContain('14 February 2022');
  });

  it('prefers the name that stands beside the kind a which-question asks for', () => {
    const s = 'Rescuers from Dorsan reached the hamlet of Velmora after the Meridian shelling.';
    expect(best(s, 'Which hamlet was shelled?')?.text).toBe('Velmora');
    expect(best('Crews from Dorsan said the Velmora district lost power.', 'Which district lost power?')?.text).toBe('Velmora');
  });

  it('answers "what time" with a time of day', () => {
    const s = 'The truce was announced on Tuesday and took effect at 9 p.m. local time.';
    expect(best(s, 'What time did the truce take effect?')?.text).toBe('9 p.m.');
  });

  it('reads a toll given after a date ("since March 2 has risen to N")', () => {
    const s = 'The ministry said the death toll from the strikes on the province since March 2 has risen to 1,040.';
    expect(best(s, 'How many people have been killed?')).toMatchObject({ text: '1,040' });
    expect(best(s, 'How many people have been killed?')!.score).toBeGreaterThanOrEqual(0.9);
  });

  it('says what a named thing is: the phrase after "is", an apposition, or a title before a name', () => {
    expect(best('The Harbour Guard, which patrols the delta, is a volunteer militia founded in 2019.', 'What is the Harbour Guard?')?.text).toBe(
      'a volunteer militia founded in 2019',
    );
    expect(best('Talks were led by the Ostrava Council, a body of elders from the valley.', 'What is the Ostrava Council?')?.text).toBe(
      'a body of elders from the valley',
    );
    expect(best('Militia Commander Ilan Vesk said the road was closed.', 'Who is Ilan Vesk?')?.text).toBe('Militia Commander');
    expect(best('The Harbour Guard claimed the raid.', 'What is the Harbour Guard?')).toBeUndefined();
  });

  it('gives the reason clause for why-questions', () => {
    const s = 'The group fired rockets at the depot in response to the arrest of its leader, a spokesman said.';
    expect(best(s, 'Why did the group fire rockets at the depot?')?.text).toBe('in response to the arrest of its leader');
  });

  it('names an unnamed actor by role when the question verb follows it', () => {
    const s = 'The drone was shot down, a security official who asked not to be named told reporters.';
    expect(best(s, 'Who told reporters about the drone?')?.text).toBe('a security official');
  });

  it('counts "occasions" for a how-many-times question', () => {
    expect(best('Jets struck the ridge on four occasions last month.', 'How many times did jets strike the ridge?')?.text).toBe('four occasions');
  });
});
