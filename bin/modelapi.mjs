#!/usr/bin/env node
// The installed command. It runs a plain JavaScript bundle of the sources (src/bundles.mjs), built once
// per change of the sources: registering tsx costs ~0.25 s per start and resolving each module through
// its loader thread more (a client verb 0.42 s → 0.16 s, the daemon ready 2.1 s → 1.1 s on our CI
// machine). A kinds module in TypeScript is loaded through tsx on its own (src/pool/kinds-module.ts).
// When no bundle can be built, tsx runs the TypeScript as it is.
import { bundleUrl } from '../src/bundles.mjs';

const bundle = await bundleUrl('cli', 'bin/modelapi.ts');
if (bundle) {
  // Stack traces (--log-level debug) name the TypeScript sources, not the bundle.
  process.setSourceMapsEnabled(true);
  await import(bundle);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('./modelapi.ts');
}
