/**
 * The incident reports as a base plus one incident segment per segment of the passage graph's log
 * (layout 14), through real builds: an add the log takes links the article lines' base, writes only
 * its segment and the groups file; both reads, and the next build's reading of the lines, give what
 * a whole build gives through adds and a removal; a damaged, shortened, missing, reordered or forged
 * segment is refused by name by both reads.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { currentGeneration } from '../../src/store/generations.js';
import { incidentLogName } from '../../src/store/incident-log.js';
import { INDEX_FILES } from '../../src/store/manifest.js';
import { readIndexInSteps } from '../../src/store/read-in-steps.js';
import type { StoredIndex } from '../../src/store/stored-index.js';
import { MAX_LOG_SEGMENTS } from '../../src/store/vector-log.js';
import { forge } from '../helpers/forge.js';
import { expectDamageRefused, expectIncidentsRefused, inode, logWorkspace, twoLoggedAdds } from '../helpers/log-workspace.js';

/** The incidents as answering reads them, their articles' order included (a whole build's). */
const incidentsOf = (index: StoredIndex) => ({ incidents: index.incidents, order: Object.keys(index.incidents.byArticle) });

describe('the incident reports as a base and segments', () => {
  it('writes only an add’s own reports, and reads what a whole build gives, at once and in steps, through adds and a removal', async () => {
    const w = logWorkspace('sitrep-incident-log-');
    for (let i = 0; i < 5; i++) w.put(i);
    await w.build();
    const first = currentGeneration(w.indexDir)!;
    w.put(5);
    await w.build();
    const added = currentGeneration(w.indexDir)!;
    expect(w.read().manifest.vectorLog).toEqual(['vectors.log.1']);
    // The article lines' base is linked; the segment holds the one article added, far less than the base.
    expect(inode(added, INDEX_FILES.incidents)).toBe(inode(first, INDEX_FILES.incidents));
    const segment = fs.readFileSync(path.join(added, 'incidents.log.1'), 'utf8').split('\n');
    expect(JSON.parse(segment[0]!)).toMatchObject({ from: 5, removed: [] });
    expect(segment.slice(1).filter((l) => l !== '')).toHaveLength(1);
    expect(incidentsOf(w.read())).toEqual(incidentsOf(await w.whole()));
    // A removal and an add, each read by the next build from base and segments (`readIncidentEntries`).
    w.drop(2);
    await w.build();
    w.put(6);
    await w.build();
    const index = w.read();
    expect(index.manifest.vectorLog).toEqual(['vectors.log.1', 'vectors.log.2', 'vectors.log.3']);
    const whole = await w.whole();
    expect(incidentsOf(index)).toEqual(incidentsOf(whole));
    const inSteps = await readIndexInSteps(w.indexDir, { efSearch: 50 });
    expect(await inSteps.incidentsInSteps()).toEqual(whole.incidents);
    expect(index.manifest.incidents).toEqual(whole.manifest.incidents);
  });

  it('folds with the other segments: the fold writes the change since the base, which stays linked', async () => {
    const w = logWorkspace('sitrep-incident-log-fold-');
    for (let i = 0; i < 5; i++) w.put(i);
    await w.build();
    w.drop(1);
    await w.build();
    for (let i = 5; i < 4 + MAX_LOG_SEGMENTS; i++) {
      w.put(i);
      await w.build();
    }
    const beforeFold = currentGeneration(w.indexDir)!;
    w.put(4 + MAX_LOG_SEGMENTS);
    await w.build();
    const folded = w.read();
    expect(folded.manifest.vectorLog).toEqual([`vectors.log.${MAX_LOG_SEGMENTS + 1}`]);
    expect(Object.keys(folded.manifest.checksums).filter((n) => n.startsWith('incidents.log.'))).toEqual([`incidents.log.${MAX_LOG_SEGMENTS + 1}`]);
    expect(inode(folded.location, INDEX_FILES.incidents)).toBe(inode(beforeFold, INDEX_FILES.incidents));
    const head = JSON.parse(fs.readFileSync(path.join(folded.location, `incidents.log.${MAX_LOG_SEGMENTS + 1}`), 'utf8').split('\n')[0]!);
    // From the base: the one dropped removed, the 16 added since.
    expect(head).toMatchObject({ from: 5, removed: [expect.any(Number)] });
    expect(head.added).toHaveLength(MAX_LOG_SEGMENTS);
    expect(incidentsOf(folded)).toEqual(incidentsOf(await w.whole()));
  }, 120_000);

  it('refuses a damaged, shortened or missing segment by name at both reads', async () => {
    const w = logWorkspace('sitrep-incident-log-damage-');
    const gen = await twoLoggedAdds(w);
    const file = path.join(gen, incidentLogName('vectors.log.2'));
    await expectDamageRefused(w.indexDir, file, fs.readFileSync(file));
  });

  it('refuses by name, at both reads and at the next build, a forged segment, one cut short, and segments reordered', async () => {
    const w = logWorkspace('sitrep-incident-log-forged-');
    const gen = await twoLoggedAdds(w);
    const one = fs.readFileSync(path.join(gen, 'incidents.log.1'));
    const two = fs.readFileSync(path.join(gen, 'incidents.log.2'));
    const expectRefused = (file: string, why: RegExp) => expectIncidentsRefused(w, file, why);
    // Reordered: the second segment's change does not follow the base.
    forge(gen, { 'incidents.log.1': two, 'incidents.log.2': one });
    await expectRefused('incidents.log.1', /it changes 6 articles' reports, the articles' reports before it are 5/);
    // Cut short: the head adds a line the segment no longer holds.
    const lines = two.toString('utf8').split('\n');
    forge(gen, { 'incidents.log.1': one, 'incidents.log.2': Buffer.from(`${lines[0]}\n`) });
    await expectRefused('incidents.log.2', /it holds 0 article lines, its head line adds 1/);
    // Forged: a line that is not an article's reports.
    forge(gen, { 'incidents.log.2': Buffer.from(`${lines[0]}\n["x",1,[]]\n`) });
    await expectRefused('incidents.log.2', /its line 2 is not an article's reports/);
    // Forged whole, its change consistent: it leaves fewer articles than the groups file counts.
    forge(gen, { 'incidents.log.2': Buffer.from(`${JSON.stringify({ from: 6, removed: [], added: [] })}\n`) });
    await expectRefused('incidents.log.2', /it leaves 6 articles' reports, groups\.log\.2 counts 7/);
  });
});
