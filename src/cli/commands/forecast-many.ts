import { ApiClient, resolveUrl } from '../client.ts';
import { CliError, EXIT } from '../exit.ts';
import { positiveInt } from './input.ts';

interface Flags {
  url?: string;
  label?: string[];
  kind?: string;
  h: string;
  level: string;
  json?: boolean;
}

/** `modelapi forecast-many [models…] --label k=v --h 28`: the daemon's stream, copied to stdout as it comes. */
export async function forecastMany(models: string[], flags: Flags): Promise<void> {
  if (models.length > 0 && flags.label?.length) throw new CliError('give model names or --label, not both', EXIT.usage);
  const client = new ApiClient(resolveUrl(flags.url));
  const body: Record<string, unknown> = { h: positiveInt('--h', flags.h), level: flags.level };
  if (models.length > 0) body.models = models;
  if (flags.label?.length) body.label = flags.label;
  if (flags.kind) body.kind = flags.kind;
  const stream = await client.stream('POST', '/v1/forecasts', body, { accept: flags.json ? 'application/x-ndjson' : 'text/csv' });
  for await (const chunk of stream) {
    if (!process.stdout.write(chunk)) await new Promise((resolve) => process.stdout.once('drain', resolve));
  }
}
