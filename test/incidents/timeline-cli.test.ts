/** `npm run timeline -- --chart FILE.png` as a user runs it: a separate process over a corpus folder. */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const execFileAsync = promisify(execFile);
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

let root: string;
beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'sitrep-timeline-cli-'));
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

async function timeline(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await execFileAsync(process.execPath, ['--import', 'tsx', 'scripts/timeline.ts', '--corpus', 'corpus', ...args], { env: { ...process.env, CHART_FONT_FILE: '' } });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('npm run timeline -- --chart', () => {
  it('writes the chart of the incidents it lists as a PNG, and says where', async () => {
    const out = path.join(root, 'chart.png');
    const r = await timeline('--chart', out);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("Sitrep's corpus reports 2 incidents matching.");
    expect(r.stderr).toContain(`Chart of 2 incidents written to ${out}`);
    const png = fs.readFileSync(out);
    expect(png.length).toBeGreaterThan(0);
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  }, 60_000);

  it('applies the filters to the chart too: none matching is said, and no file is written', async () => {
    const out = path.join(root, 'none.png');
    const r = await timeline('--since', '2024-01-01', '--chart', out);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("Sitrep's corpus reports 0 incidents matching.");
    expect(r.stderr).toContain("No chart: Sitrep's corpus reports no dated incident matching.");
    expect(fs.existsSync(out)).toBe(false);
  }, 60_000);

  it('refuses a bad path before reading the corpus, with what to do', async () => {
    const missing = await timeline('--chart', path.join(root, 'no-such-folder', 'chart.png'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/--chart: the folder ".*no-such-folder" does not exist; create it first/);
    expect(missing.stdout).toBe('');
    const notPng = await timeline('--chart', path.join(root, 'chart.svg'));
    expect(notPng.stderr).toMatch(/--chart: expected a file name ending in \.png/);
    fs.mkdirSync(path.join(root, 'folder.png'));
    const folder = await timeline('--chart', path.join(root, 'folder.png'));
    expect(folder.stderr).toMatch(/is a folder; give a file name/);
    for (const r of [notPng, folder]) {
      expect(r.code).toBe(1);
      expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/);
    }
  }, 60_000);
});
