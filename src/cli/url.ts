import { CliError, EXIT } from './exit.ts';

/** Where client verbs find the daemon: --url, then MODELAPI_URL, then the default. */
export const DEFAULT_URL = 'http://127.0.0.1:5000';

export function resolveUrl(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const raw = flag || env.MODELAPI_URL || DEFAULT_URL;
  try {
    const url = new URL(raw);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http');
    return url.origin;
  } catch {
    throw new CliError(`--url: '${raw}' is not an http:// or https:// URL`, EXIT.usage);
  }
}

/** The daemon's bearer token for client verbs: --token (set into the environment by the program), then MODELAPI_TOKEN. */
export function authHeaders(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const token = env.MODELAPI_TOKEN?.trim();
  return token ? { authorization: `Bearer ${token}` } : {};
}
