import { describe, expect, it } from 'vitest';
import { modelFamily, withPrefix } from '../../src/embed/model-family.js';

describe('modelFamily', () => {
  it('uses CLS pooling and the retrieval instruction on queries for BGE', () => {
    const f = modelFamily('Xenova/bge-small-en-v1.5');
    expect(f.pooling).toBe('cls');
    expect(withPrefix(f, 'how many attacks?', 'query')).toBe('Represent this sentence for searching relevant passages: how many attacks?');
    expect(withPrefix(f, 'A drone attack.', 'passage')).toBe('A drone attack.');
  });

  it('uses mean pooling with query/passage prefixes for E5 and nomic', () => {
    const e5 = modelFamily('Xenova/e5-small-v2');
    expect(e5.pooling).toBe('mean');
    expect(withPrefix(e5, 'x', 'query')).toBe('query: x');
    expect(withPrefix(e5, 'x', 'passage')).toBe('passage: x');
    expect(modelFamily('Xenova/multilingual-e5-small').family).toBe('e5');
    const nomic = modelFamily('nomic-ai/nomic-embed-text-v1.5');
    expect([nomic.pooling, nomic.queryPrefix, nomic.passagePrefix]).toEqual(['mean', 'search_query: ', 'search_document: ']);
  });

  it('uses mean pooling without prefixes for MiniLM, mpnet, GTE and unknown models', () => {
    for (const id of ['Xenova/all-MiniLM-L6-v2', 'Xenova/all-mpnet-base-v2', 'Xenova/gte-small', 'someone/custom-model']) {
      const f = modelFamily(id);
      expect([id, f.pooling, f.queryPrefix, f.passagePrefix]).toEqual([id, 'mean', '', '']);
    }
  });

  it('reads the family from a folder path and ignores look-alike words', () => {
    expect(modelFamily('/models/bge-tiny/').family).toBe('bge');
    expect(modelFamily('C:\\models\\e5-base').family).toBe('e5');
    expect(modelFamily('someone/bridge-model').family).toBe('default');
    expect(modelFamily('someone/model-e50').family).toBe('default');
  });

  it('gives BGE-M3 no instruction', () => {
    expect(modelFamily('Xenova/bge-m3').queryPrefix).toBe('');
  });
});
