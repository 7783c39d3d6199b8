import { randomUUID } from 'node:crypto';
import { ApiClient, resolveUrl } from '../client.ts';
import { FitProgress } from './fit-progress.ts';
import { intList, keyValues, loadDataset, positiveInt } from './input.ts';

interface FitFlags {
  url?: string;
  model: string;
  kind?: string;
  period?: string;
  order?: string;
  seasonal?: string;
  drift?: boolean;
  column?: string;
  dateColumn?: string;
  option?: string[];
  async?: boolean;
  json?: boolean;
}

interface FitAnswer {
  model: string;
  version: number;
  kind: string;
  reused: boolean;
  nObs: number;
  fitMs: number | null;
  metrics: Record<string, unknown> | null;
  timestamps?: { first: string; last: string; spacing: string } | null;
}

/** `modelapi fit <file>`: options in the file < flags. */
export async function fit(file: string, flags: FitFlags): Promise<void> {
  const client = new ApiClient(resolveUrl(flags.url));
  const dataset = await loadDataset(file, flags.column, flags.dateColumn);
  const body: Record<string, unknown> = { ...dataset.options, ...keyValues(flags.option), data: dataset.data };
  if (dataset.timestamps) body.timestamps = dataset.timestamps;
  if (flags.kind) body.kind = flags.kind;
  if (flags.period) body.period = positiveInt('--period', flags.period);
  if (flags.order) body.order = intList('--order', flags.order, 3);
  if (flags.seasonal) body.seasonalOrder = intList('--seasonal', flags.seasonal, 3);
  if (flags.drift) body.includeDrift = true;

  if (flags.async) return fitAsync(client, flags, body);
  const requestId = randomUUID();
  // Progress goes to stderr and only on a terminal, so scripts and --json see nothing extra.
  const progress = !flags.json && process.stderr.isTTY ? new FitProgress(client.baseUrl, flags.model, requestId) : undefined;
  progress?.start();
  let answer: FitAnswer;
  try {
    answer = await client.call<FitAnswer>('POST', `/v1/models/${encodeURIComponent(flags.model)}/fit`, body, { 'x-request-id': requestId });
  } finally {
    await progress?.stop();
  }
  if (flags.json) {
    process.stdout.write(`${JSON.stringify(answer, null, 2)}\n`);
    return;
  }
  const how = answer.reused
    ? 'unchanged data and options: reused, not refitted'
    : `fitted in ${answer.fitMs === null ? '?' : Math.max(1, Math.round(answer.fitMs))} ms`;
  const model = typeof answer.metrics?.model === 'string' ? ` · ${answer.metrics.model}` : '';
  const t = answer.timestamps;
  const dates = t ? ` · ${t.first} to ${t.last}, every ${t.spacing}` : '';
  process.stdout.write(`model ${answer.model} · version ${answer.version} · ${answer.kind}${model}${dates} · ${how}\n`);
}

/** `fit --async`: the daemon answers 202 with a job at once; print where to follow it. */
async function fitAsync(client: ApiClient, flags: FitFlags, body: Record<string, unknown>): Promise<void> {
  const job = await client.call<{ id: string; state: string }>('POST', `/v1/models/${encodeURIComponent(flags.model)}/fit?async=true`, body);
  if (flags.json) {
    process.stdout.write(`${JSON.stringify(job, null, 2)}\n`);
    return;
  }
  process.stdout.write(`job ${job.id} · fit ${flags.model} · ${job.state} · follow it with: modelapi job ${job.id} --wait\n`);
}
