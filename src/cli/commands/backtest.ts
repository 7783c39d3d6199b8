import { ApiClient, resolveUrl } from '../client.ts';
import { alignedTable } from '../format/table.ts';
import { loadDataset, positiveInt } from './input.ts';

interface Flags {
  url?: string;
  model: string;
  h: string;
  windows: string;
  period?: string;
  kinds?: string;
  column?: string;
  json?: boolean;
}

interface Answer {
  h: number;
  windows: number;
  period: number;
  level: number;
  nObs: number;
  best: string | null;
  results: {
    kind: string;
    scores: { mase: number | null; smape: number | null; coverage: number | null } | null;
    windows: { fitMs: number }[];
    error: { code: string; message: string } | null;
  }[];
}

const num = (v: number | null | undefined, digits: number) => (v === null || v === undefined ? '-' : v.toFixed(digits));

/** `modelapi backtest <file> --h 18 --windows 3`: which kind would have forecast this series best. */
export async function backtest(file: string, flags: Flags): Promise<void> {
  const client = new ApiClient(resolveUrl(flags.url));
  const dataset = await loadDataset(file, flags.column);
  const period = flags.period ? positiveInt('--period', flags.period) : typeof dataset.options.period === 'number' ? dataset.options.period : undefined;
  const body = {
    data: dataset.data,
    h: positiveInt('--h', flags.h),
    windows: positiveInt('--windows', flags.windows),
    ...(period ? { period } : {}),
    ...(flags.kinds ? { kinds: flags.kinds.split(',').map((k) => k.trim()) } : {}),
  };
  const answer = await client.call<Answer>('POST', `/v1/models/${encodeURIComponent(flags.model)}/backtest`, body);
  if (flags.json) {
    process.stdout.write(`${JSON.stringify(answer, null, 2)}\n`);
    return;
  }
  const rows = answer.results.map((r) => {
    const ms = r.windows.length ? r.windows.reduce((s, w) => s + w.fitMs, 0) / r.windows.length : null;
    return [
      r.kind === answer.best ? `${r.kind} *` : r.kind,
      num(r.scores?.mase, 3),
      num(r.scores?.smape, 2),
      num(r.scores?.coverage, 1),
      num(ms, 0),
      r.error ? `${r.error.code}: ${r.error.message}` : '',
    ];
  });
  process.stdout.write(
    `${answer.windows} windows × ${answer.h} steps on ${answer.nObs} values (period ${answer.period}); * = lowest MASE\n` +
      `${alignedTable(['kind', 'MASE', 'sMAPE %', `cover${answer.level} %`, 'fit ms', 'error'], rows, ['l', 'r', 'r', 'r', 'r', 'l'])}\n`,
  );
}
