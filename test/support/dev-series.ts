import { readFileSync, readdirSync } from 'node:fs';

/**
 * The dev series of one fixtures folder (forecast-dev, forecast-dev-extra: train, test, frequency, h
 * and R's stored forecasts under `r`), in file-name order.
 */
export function devSeries(folder: string): any[] {
  const dir = new URL(`../../fixtures/${folder}/`, import.meta.url);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(new URL(f, dir), 'utf8')));
}
