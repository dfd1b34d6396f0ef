/** The config every ingestion test starts from: corpus, index and state inside `root`, fetching from the test sites on loopback. */
import path from 'node:path';
import type { Config } from '../../src/config.js';
import { testConfig } from '../helpers/fixtures.js';

export function ingestTestConfig(root: string, env: Record<string, string> = {}): Config {
  return testConfig({
    CORPUS_DIR: path.join(root, 'corpus'),
    INDEX_DIR: path.join(root, 'index'),
    INGEST_STATE_FILE: path.join(root, 'state.json'),
    FETCH_ALLOW_PRIVATE: '127.0.0.1',
    ...env,
  });
}
