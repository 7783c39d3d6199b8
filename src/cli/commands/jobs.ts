import { ApiClient, resolveUrl } from '../client.ts';
import { CliError, EXIT } from '../exit.ts';
import { alignedTable } from '../format/table.ts';
import { spinnerFrame } from '../live/spinner.ts';

interface Flags {
  url?: string;
  json?: boolean;
  state?: string;
  model?: string;
  wait?: boolean;
}

export interface JobRow {
  id: string;
  type: string;
  model: string | null;
  state: 'queued' | 'running' | 'succeeded' | 'failed';
  progress: Record<string, unknown> | null;
  result?: unknown;
  error?: { code: string; message: string };
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

const print = (text: string): void => void process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
const when = (iso: string | null) => (iso ? iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z') : '-');

/** `modelapi jobs`: the newest jobs first. */
export async function jobs(flags: Flags): Promise<void> {
  const client = new ApiClient(resolveUrl(flags.url));
  const query = new URLSearchParams();
  if (flags.state) query.set('state', flags.state);
  if (flags.model) query.set('model', flags.model);
  const rows = await client.call<JobRow[]>('GET', `/v1/jobs${query.size ? `?${query}` : ''}`);
  if (flags.json) return print(JSON.stringify(rows, null, 2));
  if (rows.length === 0) return print('no jobs');
  print(alignedTable(['id', 'type', 'model', 'state', 'created', 'finished'], rows.map((j) => [j.id, j.type, j.model ?? '-', j.state, when(j.createdAt), when(j.finishedAt)])));
}

/** One line on what a job is doing or how it ended. */
export function describeJob(j: JobRow, now = Date.now()): string {
  const what = `job ${j.id} · ${j.type}${j.model ? ` ${j.model}` : ''}`;
  if (j.state === 'failed') return `${what} · failed: ${j.error?.code ?? ''} ${j.error?.message ?? ''}`.trimEnd();
  if (j.state === 'succeeded') {
    const r = j.result as { version?: number; nObs?: number } | undefined;
    return `${what} · succeeded${r?.version !== undefined ? ` · version ${r.version}` : ''}${r?.nObs !== undefined ? ` (n = ${r.nObs})` : ''}`;
  }
  const since = j.startedAt ?? j.createdAt;
  const secs = Math.max(0, Math.round((now - Date.parse(since)) / 1000));
  const progress = j.progress ? ` · ${Object.entries(j.progress).map(([k, v]) => `${k} ${String(v)}`).join(', ')}` : '';
  return `${what} · ${j.state} ${secs}s${progress}`;
}

/**
 * `modelapi job <id> [--wait]`: the job now, or (with --wait) once it has finished, long-polling the
 * daemon; on a terminal a progress line turns meanwhile. Exit code 1 when the job failed.
 */
export async function job(id: string, flags: Flags): Promise<void> {
  const client = new ApiClient(resolveUrl(flags.url));
  const path = `/v1/jobs/${encodeURIComponent(id)}`;
  let current = await client.call<JobRow>('GET', path);
  const live = flags.wait && !flags.json && process.stderr.isTTY;
  const timer = live ? setInterval(() => process.stderr.write(`\r\x1b[K${spinnerFrame(Date.now())} ${describeJob(current)}`), 100) : undefined;
  try {
    while (flags.wait && (current.state === 'queued' || current.state === 'running')) {
      current = await client.call<JobRow>('GET', `${path}?wait=10s`);
    }
  } finally {
    if (timer) {
      clearInterval(timer);
      process.stderr.write('\r\x1b[K');
    }
  }
  print(flags.json ? JSON.stringify(current, null, 2) : describeJob(current));
  if (current.state === 'failed') throw new CliError(`job ${id} failed`, EXIT.serverSaidNo);
}
