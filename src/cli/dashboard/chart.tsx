import { Text } from 'ink';
import { forecastPlot } from '../format/plot.ts';
import { Panel, inner } from './panel.tsx';
import type { DashState, ModelRow } from './state.ts';

/**
 * What to ask the daemon for a chart `width` wide: about two thirds of the plot's columns of forecast
 * (the plot gives history up to a third, and one step a column reads best), a width's worth of history.
 * Rounded down to fives, so that resizing by a column or two does not refetch.
 */
export function chartQuery(width: number): { h: number; history: number } {
  const plotCols = inner(width, 0).cols - 8; // y-axis labels and the axis itself
  const five = (n: number): number => Math.max(10, Math.floor(n / 5) * 5);
  return { h: five((plotCols * 2) / 3), history: five(plotCols) };
}

export interface ChartProps {
  chart: DashState['chart'];
  model: ModelRow | null;
  width: number;
  height: number;
  dim?: boolean;
}

/** The selected model's history tail and latest forecast with the 95% band. */
export function Chart({ chart, model, width, height, dim }: ChartProps) {
  const { cols, lines } = inner(width, height);
  let title = 'Forecast';
  let body: string[] | string;
  if (!model) body = 'select a model to see its forecast';
  else if (model.currentVersion === null) body = `${model.name} has no ready version yet`;
  else if (!chart || ('error' in chart ? chart.model !== model.name : chart.data.model !== model.name)) body = `loading ${model.name} v${model.currentVersion}…`;
  else if ('error' in chart) body = `no forecast: ${chart.error}`;
  else {
    const d = chart.data;
    const stale = d.version !== model.currentVersion ? ` (v${model.currentVersion} loading…)` : '';
    title = `Forecast · ${d.model} v${d.version} · ${d.kind} · ${d.forecast.length} steps · 95% band${stale}`;
    body = forecastPlot(d.history, { ...d, h: d.forecast.length }, { width: cols - 1, height: Math.max(3, lines - 2), level: 95, color: !dim }).split('\n');
  }
  return (
    <Panel title={title} width={width} height={height} dim={dim}>
      {typeof body === 'string' ? (
        <Text dimColor wrap="truncate">
          {body}
        </Text>
      ) : (
        body.map((line, i) => (
          <Text key={i} wrap="truncate">
            {line}
          </Text>
        ))
      )}
    </Panel>
  );
}
