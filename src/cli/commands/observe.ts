import { createInterface } from 'node:readline';
import { ApiClient, resolveUrl } from '../client.ts';
import { CliError, EXIT } from '../exit.ts';

interface ObserveFlags {
  url?: string;
  json?: boolean;
}

interface ObserveAnswer {
  model: string;
  version: number;
  nObs: number;
  added: number;
  method: 'update' | 'refit';
  reason?: string;
  ms: number;
}

interface Batch {
  data: (number | null)[];
  timestamps: (string | number)[];
}

/** Points per request when reading a stream; a burst larger than this is sent in several. */
const MAX_BATCH = 10_000;
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const MISSING = new Set(['', 'na', 'nan', 'null']);

/** One point: `value`, or `timestamp value` (comma, tab or spaces between). */
export function parsePoint(text: string, where: string): { value: number | null; timestamp?: string | number } {
  const cells = text.trim().split(/\s*[,\t]\s*|\s+/);
  if (cells.length > 2) throw new CliError(`${where}: expected a value or "timestamp,value", got '${text}'`, EXIT.usage);
  const valueText = cells[cells.length - 1]!;
  let value: number | null;
  if (MISSING.has(valueText.toLowerCase())) value = null;
  else if (NUMBER.test(valueText) && Number.isFinite(Number(valueText))) value = Number(valueText);
  else throw new CliError(`${where}: '${valueText}' is not a number`, EXIT.usage);
  if (cells.length === 1) return { value };
  const ts = cells[0]!;
  return { value, timestamp: NUMBER.test(ts) ? Number(ts) : ts };
}

function describe(a: ObserveAnswer): string {
  const points = `${a.added} new observation${a.added === 1 ? '' : 's'} (n = ${a.nObs})`;
  const ms = a.ms < 10 ? a.ms.toFixed(1) : String(Math.round(a.ms));
  const how = a.method === 'update' ? `updated in ${ms} ms` : `refitted in ${ms} ms (${a.reason ?? 'the kind cannot update'})`;
  return `${a.model} · version ${a.version} · ${points} · ${how}`;
}

/**
 * `modelapi observe <model> <values…|->`: appends points. With `-`, reads one point per line from
 * stdin and sends whatever has arrived while the previous request was in flight, so a fast stream is
 * batched and a slow one is sent point by point; each answer is printed as it lands.
 */
export async function observe(model: string, values: string[], flags: ObserveFlags): Promise<void> {
  const client = new ApiClient(resolveUrl(flags.url));
  const send = async (batch: Batch) => {
    const body = batch.timestamps.length > 0 ? batch : { data: batch.data };
    if (batch.timestamps.length > 0 && batch.timestamps.length !== batch.data.length) {
      throw new CliError('either every point has a timestamp or none has', EXIT.usage);
    }
    const answer = await client.call<ObserveAnswer>('POST', `/v1/models/${encodeURIComponent(model)}/observations`, body);
    process.stdout.write(flags.json ? `${JSON.stringify(answer)}\n` : `${describe(answer)}\n`);
  };
  if (values.length === 0) throw new CliError('give the values to append, or - to read them from stdin', EXIT.usage);
  if (values.length > 1 || values[0] !== '-') {
    await send(toBatch(values.map((v, i) => parsePoint(v, `value ${i + 1}`))));
    return;
  }
  await streamStdin(send);
}

function toBatch(points: { value: number | null; timestamp?: string | number }[]): Batch {
  const batch: Batch = { data: [], timestamps: [] };
  for (const p of points) {
    batch.data.push(p.value);
    if (p.timestamp !== undefined) batch.timestamps.push(p.timestamp);
  }
  return batch;
}

async function streamStdin(send: (b: Batch) => Promise<void>): Promise<void> {
  let waiting: { value: number | null; timestamp?: string | number }[] = [];
  let inFlight: Promise<void> | undefined;
  let failed: unknown;
  const pump = () => {
    if (inFlight || waiting.length === 0 || failed) return;
    const points = waiting.slice(0, MAX_BATCH);
    waiting = waiting.slice(points.length);
    inFlight = send(toBatch(points))
      .catch((err) => void (failed = err))
      .finally(() => {
        inFlight = undefined;
        pump();
      });
  };
  let line = 0;
  for await (const text of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    line++;
    if (failed) break;
    if (text.trim() === '') continue;
    waiting.push(parsePoint(text, `stdin line ${line}`));
    pump();
  }
  while (inFlight || (waiting.length > 0 && !failed)) {
    pump();
    await inFlight;
  }
  if (failed) throw failed;
}
