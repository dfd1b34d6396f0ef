import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { IndexKeeper } from '../../src/bot/index-keeper.js';
import { createLogger } from '../../src/bot/logger.js';
import { openSitrep } from '../../src/sitrep.js';
import { buildIndex } from '../../src/store/build.js';
import { currentGeneration } from '../../src/store/generations.js';
import { INDEX_FILES } from '../../src/store/manifest.js';
import { article, tempDir, testConfig, writeCorpus } from '../helpers/fixtures.js';

const PORT = article('Port strike', 'A missile hit the port of Aden on Monday. Two cranes burned. Shipping stopped for a day.', { source: 'Wire', published: '2024-02-01' });
const DEPOT = article('Depot fire', 'A drone struck a fuel depot near the river port on Wednesday. Three guards were hurt.', { source: 'Wire', published: '2024-02-07' });
const QUESTION = 'How many guards were hurt when a drone struck the fuel depot?';

async function running() {
  const corpus = writeCorpus({ 'port.md': PORT });
  const config = testConfig({ CORPUS_DIR: corpus, INDEX_DIR: path.join(tempDir(), 'index') });
  await buildIndex(config);
  const sitrep = await openSitrep(config);
  const logs: string[] = [];
  const keeper = new IndexKeeper(sitrep, config, createLogger({ LOG_LEVEL: 'info', DISCORD_TOKEN: undefined }, { write: (l) => logs.push(l) }));
  return { corpus, config, sitrep, keeper, logs };
}

const citedTitle = (answer: Awaited<ReturnType<Awaited<ReturnType<typeof openSitrep>>['answer']>>) =>
  answer.answer ? answer.sources[answer.answer.citation - 1]?.title : undefined;

describe('the IndexKeeper', () => {
  it('swaps to a new generation, reading it while the event loop keeps turning, then answers from it', async () => {
    const { corpus, config, sitrep, keeper, logs } = await running();
    const before = sitrep.info().location;
    expect(citedTitle(await sitrep.answer(QUESTION))).not.toBe('Depot fire');
    fs.writeFileSync(path.join(corpus, 'depot.md'), DEPOT);
    await buildIndex(config);
    let turned = false;
    const swapping = keeper.reload();
    setImmediate(() => (turned = true));
    expect(await swapping).toBe(true);
    // The generation is read in steps: an immediate queued after the reload began ran before it ended.
    expect(turned).toBe(true);
    expect(sitrep.info().location).not.toBe(before);
    expect(sitrep.info().location).toBe(currentGeneration(path.resolve(config.INDEX_DIR)));
    expect(sitrep.info().articles).toBe(2);
    expect(citedTitle(await sitrep.answer(QUESTION))).toBe('Depot fire');
    expect(logs.some((l) => l.includes('"index reloaded"'))).toBe(true);
    // Nothing new on disk: no swap.
    expect(await keeper.reload()).toBe(false);
  });

  it('keeps answering from the index it has when the new generation is damaged, and logs the file', async () => {
    const { corpus, config, sitrep, keeper, logs } = await running();
    const before = sitrep.info().location;
    fs.writeFileSync(path.join(corpus, 'depot.md'), DEPOT);
    await buildIndex(config);
    const file = path.join(currentGeneration(path.resolve(config.INDEX_DIR))!, INDEX_FILES.articles);
    const bytes = fs.readFileSync(file);
    bytes[bytes.length - 10]! ^= 0x20;
    fs.writeFileSync(file, bytes);
    expect(await keeper.reload()).toBe(false);
    expect(sitrep.info().location).toBe(before);
    expect(sitrep.info().articles).toBe(1);
    expect((await sitrep.answer('What did the missile hit?')).abstained).toBe(false);
    expect(logs.some((l) => l.includes('still answering from the previous one') && l.includes(INDEX_FILES.articles))).toBe(true);
  });
});
