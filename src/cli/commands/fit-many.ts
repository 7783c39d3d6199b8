import { readFile } from 'node:fs/promises';
import { ApiClient, resolveUrl } from '../client.ts';
import { CliError, EXIT } from '../exit.ts';
import { progressLine, type BulkProgress } from '../live/progress-bar.ts';
import { keyValues, positiveInt } from './input.ts';

interface Flags {
  url?: string;
  idColumn?: string;
  dateColumn?: string;
  column?: string;
  label?: string[];
  kind?: string;
  period?: string;
  option?: string[];
  json?: boolean;
}

interface Job {
  id: string;
  state: string;
  progress: BulkProgress | null;
  error?: { code: string; message: string };
  result?: BulkProgress & { items: Item[]; nextOffset: number | null; cancelled: boolean };
}
type Item = { model: string; version?: number; reused?: boolean; error?: { code: string; message: string } };

async function readInput(file: string): Promise<string> {
  try {
    if (file !== '-') return await readFile(file, 'utf8');
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  } catch (err) {
    throw new CliError(`cannot read ${file}: ${(err as Error).message}`, EXIT.usage);
  }
}

/** `--label chain=acme` → {chain: "acme"}. */
export function labelPairs(pairs: string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of pairs ?? []) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new CliError(`--label: expected key=value, got '${pair}'`, EXIT.usage);
    out[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return out;
}

/**
 * `modelapi fit-many <file>`: a long-format CSV or NDJSON file becomes one bulk-fit job, followed until it
 * ends (a bar on a terminal, a line every few seconds otherwise); then a summary and every failure.
 */
export async function fitMany(file: string, flags: Flags): Promise<void> {
  const client = new ApiClient(resolveUrl(flags.url));
  const text = await readInput(file);
  if (text.trim() === '') throw new CliError(`${file} is empty`, EXIT.usage);
  const ndjson = text.trimStart().startsWith('{');
  const defaults: Record<string, unknown> = { ...keyValues(flags.option) };
  if (flags.kind) defaults.kind = flags.kind;
  if (flags.period) defaults.period = positiveInt('--period', flags.period);
  const labels = labelPairs(flags.label);
  if (Object.keys(labels).length > 0) defaults.labels = labels;
  const query = new URLSearchParams({ defaults: JSON.stringify(defaults) });
  if (flags.idColumn) query.set('id_column', flags.idColumn);
  if (flags.dateColumn) query.set('date_column', flags.dateColumn);
  if (flags.column) query.set('value_column', flags.column);

  const started = Date.now();
  let job = await client.call<Job>('POST', `/v1/fits?${query}`, text, { 'content-type': ndjson ? 'application/x-ndjson' : 'text/csv' });
  const tty = !flags.json && process.stderr.isTTY;
  let lastPlain = 0;
  while (job.state === 'queued' || job.state === 'running') {
    job = await client.call<Job>('GET', `/v1/jobs/${job.id}?wait=1s&limit=1`);
    if (!job.progress || flags.json) continue;
    if (tty) process.stderr.write(`\r\x1b[2K${progressLine(job.progress)}`);
    else if (Date.now() - lastPlain >= 5000 || job.state !== 'running') {
      lastPlain = Date.now();
      process.stderr.write(`${progressLine(job.progress, 0)}\n`);
    }
  }
  if (tty) process.stderr.write('\r\x1b[2K');
  const items = await allItems(client, job.id);
  if (flags.json) {
    process.stdout.write(`${JSON.stringify({ ...job, result: job.result && { ...job.result, items, nextOffset: null } }, null, 2)}\n`);
  } else {
    const r = job.result;
    const seconds = (Date.now() - started) / 1000;
    const reused = items.filter((i) => i.reused).length;
    if (r) {
      process.stdout.write(
        `${r.cancelled ? 'cancelled after' : 'fitted'} ${(r.done - r.failed).toLocaleString('en-US')} of ${r.total.toLocaleString('en-US')} series` +
          `${reused ? ` (${reused} unchanged, reused)` : ''} · ${r.failed} failed · ${seconds.toFixed(1)} s · ${r.seriesPerSecond} series/s · job ${job.id}\n`,
      );
    }
    for (const i of items) if (i.error) process.stdout.write(`failed ${i.model}: ${i.error.code} ${i.error.message}\n`);
  }
  if (job.state === 'failed' && !job.result) throw new CliError(`the bulk fit failed: ${job.error?.code} ${job.error?.message}`, EXIT.serverSaidNo);
  if (job.state === 'failed') throw new CliError(`the bulk fit ended early: ${job.error?.code} ${job.error?.message}`, EXIT.serverSaidNo);
  if ((job.result?.failed ?? 0) > 0) throw new CliError(`${job.result!.failed} series failed (listed above)`, EXIT.serverSaidNo);
}

async function allItems(client: ApiClient, id: string): Promise<Item[]> {
  const items: Item[] = [];
  for (let offset: number | null = 0; offset !== null; ) {
    const page: Job = await client.call<Job>('GET', `/v1/jobs/${id}?offset=${offset}&limit=10000`);
    items.push(...(page.result?.items ?? []));
    offset = page.result?.nextOffset ?? null;
  }
  return items;
}
