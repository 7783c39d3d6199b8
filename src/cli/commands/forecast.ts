import { ApiClient, resolveUrl } from '../client.ts';
import { forecastCsv } from '../format/csv.ts';
import { forecastPlot } from '../format/plot.ts';
import { forecastTable, type ForecastResult } from '../format/table.ts';
import { CliError, EXIT } from '../exit.ts';
import { positiveInt } from './input.ts';

interface ForecastFlags {
  url?: string;
  model: string;
  level: string;
  json?: boolean;
  csv?: boolean;
  plot?: boolean;
}

type Answer = ForecastResult & { history?: (number | null)[]; historyTimestamps?: string[] };

/** `modelapi forecast <steps>`. */
export async function forecast(stepsText: string, flags: ForecastFlags): Promise<void> {
  const steps = positiveInt('steps', stepsText);
  if (steps > 100_000) throw new CliError('steps: at most 100000', EXIT.usage);
  const client = new ApiClient(resolveUrl(flags.url));
  const width = Math.max(40, process.stdout.columns ?? 100);
  const query = new URLSearchParams({ h: String(steps), level: flags.level });
  // The plot shows about as much history as forecast, so both stay readable in one terminal width.
  if (flags.plot) query.set('history', String(Math.min(Math.max(steps, 60), 2000)));
  const answer = await client.call<Answer>('GET', `/v1/models/${encodeURIComponent(flags.model)}/forecast?${query}`);
  let out: string;
  if (flags.json) out = JSON.stringify(answer, null, 2);
  else if (flags.csv) out = forecastCsv(answer);
  else if (flags.plot) {
    const height = Math.max(8, Math.min(30, (process.stdout.rows ?? 24) - 6));
    out = forecastPlot(answer.history ?? [], answer, { width, height, color: Boolean(process.stdout.isTTY), historyTimestamps: answer.historyTimestamps });
  } else out = forecastTable(answer);
  process.stdout.write(out.endsWith('\n') ? out : `${out}\n`);
}
