import { describe, expect, it } from 'vitest';
import { normaliseDate, validateMetadata } from '../../src/corpus/index.js';

describe('normaliseDate', () => {
  it.each([
    ['2023-12-06', '2023-12-06'],
    ['2023-12-06T23:30:00-05:00', '2023-12-06'],
    ['2023-12-06 08:00:00', '2023-12-06'],
    ['2023/12/6', '2023-12-06'],
    ['6 December 2023', '2023-12-06'],
    ['December 6, 2023', '2023-12-06'],
    ['Dec. 6, 2023', '2023-12-06'],
    ['Wed, 06 Dec 2023 10:00:00 GMT', '2023-12-06'],
    ['25/12/2023', '2023-12-25'],
    ['12/25/2023', '2023-12-25'],
    ['07.07.2023', '2023-07-07'],
  ])('reads %s as %s', (input, expected) => expect(normaliseDate(input)).toBe(expected));

  it('reads a Date object by its UTC calendar day', () => {
    expect(normaliseDate(new Date(Date.UTC(2023, 11, 6)))).toBe('2023-12-06');
  });

  it.each([
    ['yesterday', /invalid date "yesterday"/],
    ['December 2023', /invalid date "December 2023"/],
    ['2023-02-30', /invalid date "2023-02-30": no such day/],
    ['06/12/2023', /ambiguous/],
    ['Decembr 6 2023', /invalid date "Decembr 6 2023"/],
  ])('refuses %s with a message naming the value', (input, message) => {
    expect(() => normaliseDate(input)).toThrow(message);
  });

  it('refuses a bare number', () => {
    expect(() => normaliseDate(2023)).toThrow(/invalid date 2023/);
  });
});

describe('validateMetadata', () => {
  it('trims fields, normalises the date and drops unknown keys', () => {
    const r = validateMetadata({ title: '  Strike  ', source: 'AFP', published: 'Dec 6, 2023', url: 'https://example.com/a', tags: ['x'] });
    expect(r).toEqual({ ok: true, metadata: { title: 'Strike', source: 'AFP', published: '2023-12-06', url: 'https://example.com/a' } });
  });

  it('reads `date` when `published` is absent', () => {
    expect(validateMetadata({ title: 'T', date: '2024-01-02' })).toMatchObject({ ok: true, metadata: { published: '2024-01-02' } });
  });

  it('treats a missing date as unknown', () => {
    expect(validateMetadata({ title: 'T' })).toEqual({ ok: true, metadata: { title: 'T' } });
  });

  it('reports a missing title', () => {
    expect(validateMetadata({ source: 'AFP' })).toEqual({ ok: false, reason: 'missing title' });
  });

  it('reports a url that is not http(s)', () => {
    expect(validateMetadata({ title: 'T', url: 'javascript:alert(1)' })).toEqual({
      ok: false,
      reason: 'invalid url "javascript:alert(1)" (expected an absolute http(s) URL)',
    });
  });

  it('reports a title of the wrong type', () => {
    expect(validateMetadata({ title: ['a', 'b'] })).toEqual({ ok: false, reason: 'title: expected string' });
  });
});
