// Writes the test models under fixtures/onnx/: `node --import tsx scripts/make-onnx-fixtures.ts`.
// The output is deterministic, so running it again changes no committed file unless the models changed.
import { mkdirSync, writeFileSync } from 'node:fs';
import { fixtureModels } from './onnx-fixtures.ts';

const dir = new URL('../fixtures/onnx/', import.meta.url);
mkdirSync(dir, { recursive: true });
for (const [file, bytes] of Object.entries(fixtureModels())) {
  writeFileSync(new URL(file, dir), bytes);
  process.stdout.write(`fixtures/onnx/${file}  ${bytes.length} bytes\n`);
}
