/**
 * Writes a tiny BERT-shaped ONNX model (`scripts/lib/tiny-model.ts`) into a folder:
 * `npx tsx scripts/make-tiny-model.ts <folder> [--qa [--favour START END]]`.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeTinyModel, writeTinyQaModel } from './lib/tiny-model.js';

export { QA_FAVOUR_LOGIT, TINY_MODEL_HIDDEN_SIZE, tinyVocabulary, writeTinyModel, writeTinyQaModel, type TinyQaModelOptions } from './lib/tiny-model.js';

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [dir, kind, flag, start, end] = process.argv.slice(2);
  const favour = flag === '--favour' && start && end ? { start, end } : undefined;
  if (!dir || (kind !== undefined && kind !== '--qa') || (flag !== undefined && !favour)) {
    console.error('Usage: tsx scripts/make-tiny-model.ts <folder> [--qa [--favour START_WORD END_WORD]]');
    process.exit(2);
  }
  if (kind === '--qa') await writeTinyQaModel(path.resolve(dir), { favour });
  else await writeTinyModel(path.resolve(dir));
  console.log(`Tiny BERT-shaped ${kind === '--qa' ? 'question-answering ' : ''}model written to ${path.resolve(dir)}`);
}
