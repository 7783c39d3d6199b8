import { bundleUrl } from '../bundles.mjs';

/**
 * The worker module as plain JavaScript, so a worker thread starts without tsx. Through tsx each thread
 * resolved and transformed some 110 TypeScript modules over Node 20's loader-hook thread: 1.2 s before
 * the pools were ready, most of the daemon's start-up. The bundle is the same one mechanism the command
 * itself runs from (src/bundles.mjs): built by esbuild when the sources change, reused otherwise.
 *
 * Returns undefined when bundling is not possible (esbuild missing, a read-only install): the workers
 * then load the TypeScript through tsx, as they always could.
 */
export function workerBundleUrl(): Promise<string | undefined> {
  return bundleUrl('worker', 'src/pool/worker.ts');
}
