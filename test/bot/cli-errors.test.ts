import { describe, expect, it } from 'vitest';
import { errorReport } from '../../scripts/cli.js';
import { ConfigError } from '../../src/config.js';

describe('what a failed command prints', () => {
  it('is the message alone for a known error: Sitrep\'s own, and any error with a code', () => {
    expect(errorReport(new ConfigError('Invalid configuration'))).toBe('Invalid configuration');
    const coded = Object.assign(new Error('The model Xenova/all-MiniLM-L6-v2 could not be downloaded (offline?)'), { code: 'MODEL_UNAVAILABLE' });
    expect(errorReport(coded)).toBe('The model Xenova/all-MiniLM-L6-v2 could not be downloaded (offline?)');
    const system = Object.assign(new Error("ENOENT: no such file or directory, open 'q.jsonl'"), { code: 'ENOENT' });
    expect(errorReport(system)).toBe("ENOENT: no such file or directory, open 'q.jsonl'");
  });

  it('is the whole error, stack and all, for a bug', () => {
    const bug = new TypeError('x is undefined');
    expect(errorReport(bug)).toBe(bug);
  });
});
