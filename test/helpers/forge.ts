/** A generation's files rewritten with matching checksums, as a writer's bug or a forger would leave them. */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Writes `bytes` as a generation's file and its checksum into the manifest, as a forger would. */
export function forge(gen: string, files: Record<string, Buffer>): void {
  const manifestFile = path.join(gen, 'manifest.json');
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
  for (const [name, bytes] of Object.entries(files)) {
    // A new file, not the linked one written over: the previous generation keeps its bytes.
    fs.rmSync(path.join(gen, name), { force: true });
    fs.writeFileSync(path.join(gen, name), bytes);
    manifest.checksums[name] = { sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length };
  }
  const text = JSON.stringify(manifest, null, 2);
  fs.writeFileSync(manifestFile, text);
  fs.writeFileSync(path.join(gen, 'manifest.sha256'), `${createHash('sha256').update(text).digest('hex')}\n`);
}
