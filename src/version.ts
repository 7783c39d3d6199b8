import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from './bundles.mjs';

/** This modelapi's version, from its package.json (found from the sources or from a bundle of them). */
export const MODELAPI_VERSION: string = (JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { version: string }).version;
