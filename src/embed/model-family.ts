/**
 * How each sentence-embedding model family wants to be used: its pooling and the prefixes its
 * model card asks for on queries and passages. Pure; matched on the model name.
 */

export type Pooling = 'mean' | 'cls';

export interface ModelFamily {
  family: string;
  pooling: Pooling;
  /** Put before a question. */
  queryPrefix: string;
  /** Put before a passage. */
  passagePrefix: string;
}

const RETRIEVAL_INSTRUCTION = 'Represent this sentence for searching relevant passages: ';

interface FamilyRule extends ModelFamily {
  /** Tested on the lower-cased last path segment of the model id or folder. */
  match: RegExp;
}

/** First match wins; unknown models get mean pooling and no prefixes (sentence-transformers' default). */
const FAMILIES: FamilyRule[] = [
  // BGE v1.5 (BAAI): CLS pooling, an instruction on queries only; BGE-M3 takes no instruction.
  { match: /(^|[^a-z])bge-m3/, family: 'bge-m3', pooling: 'cls', queryPrefix: '', passagePrefix: '' },
  { match: /(^|[^a-z])bge([^a-z]|$)/, family: 'bge', pooling: 'cls', queryPrefix: RETRIEVAL_INSTRUCTION, passagePrefix: '' },
  { match: /(^|[^a-z])mxbai-embed/, family: 'mxbai', pooling: 'cls', queryPrefix: RETRIEVAL_INSTRUCTION, passagePrefix: '' },
  // E5 (intfloat) and multilingual E5: mean pooling, "query: " / "passage: ".
  { match: /(^|[^a-z0-9])e5([^a-z0-9]|$)/, family: 'e5', pooling: 'mean', queryPrefix: 'query: ', passagePrefix: 'passage: ' },
  { match: /(^|[^a-z])nomic-embed/, family: 'nomic', pooling: 'mean', queryPrefix: 'search_query: ', passagePrefix: 'search_document: ' },
  { match: /(^|[^a-z])gte([^a-z]|$)/, family: 'gte', pooling: 'mean', queryPrefix: '', passagePrefix: '' },
  { match: /minilm|mpnet/, family: 'sentence-transformers', pooling: 'mean', queryPrefix: '', passagePrefix: '' },
];

/** The family of a model id ("Xenova/bge-small-en-v1.5") or folder path ("/models/bge-tiny"). */
export function modelFamily(model: string): ModelFamily {
  const name = model.replace(/[\\/]+$/, '').split(/[\\/]/).pop()!.toLowerCase();
  const rule = FAMILIES.find((f) => f.match.test(name));
  if (!rule) return { family: 'default', pooling: 'mean', queryPrefix: '', passagePrefix: '' };
  const { match: _match, ...family } = rule;
  return family;
}

/** The text a model should see for a query or a passage. */
export function withPrefix(family: ModelFamily, text: string, kind: 'query' | 'passage'): string {
  return (kind === 'query' ? family.queryPrefix : family.passagePrefix) + text;
}
