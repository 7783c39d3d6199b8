import { Text } from 'ink';
import { alignedTable } from '../format/table.ts';
import { Panel, inner } from './panel.tsx';
import { spinnerFrame } from '../live/spinner.ts';
import { fit, formatElapsed, formatMs } from './format.ts';
import type { ModelRow } from './state.ts';
import { signatureArrow } from '../commands/signature-text.ts';

export interface ModelsTableProps {
  models: readonly ModelRow[];
  selected: string | null;
  fitStarts: Record<string, number>;
  now: number;
  width: number;
  height: number;
  dim?: boolean;
}

/** The models, one a row, the selected one highlighted; a fitting model shows a spinner and its time. */
export function ModelsTable({ models, selected, fitStarts, now, width, height, dim }: ModelsTableProps) {
  const { cols, lines } = inner(width, height);
  const rowsShown = Math.max(1, lines - 1);
  const at = Math.max(0, models.findIndex((m) => m.name === selected));
  // Scroll so the selected row stays visible when there are more models than lines.
  const first = Math.min(Math.max(0, at - rowsShown + 1), Math.max(0, models.length - rowsShown));
  const shown = models.slice(first, first + rowsShown);
  const rows = shown.map((m) => {
    const state = m.state === 'fitting' ? `${spinnerFrame(now)} fitting ${formatElapsed(now - (fitStarts[m.name] ?? now))}` : m.state;
    const waiting = m.readersWaiting + m.writersWaiting;
    return [fit(m.name, 24), m.currentVersion === null ? '-' : String(m.currentVersion), m.kind ?? '-', state, formatMs(m.lastFitMs), waiting > 0 ? `${waiting} waiting` : '', signatureArrow(m.kind, m.spec)];
  });
  const table = alignedTable(['name', 'ver', 'kind', 'state', 'last fit', '', 'signature'], rows, ['l', 'r', 'l', 'l', 'r', 'l', 'l']).split('\n');
  const title = `Models (${models.length})${models.length > rowsShown ? `  ${first + 1}-${first + shown.length}` : ''}  ↑/↓ select · f fit again`;
  return (
    <Panel title={title} width={width} height={height} dim={dim}>
      {models.length === 0 ? (
        <Text dimColor wrap="truncate">
          no models yet: modelapi fit data.json --model NAME
        </Text>
      ) : (
        table.map((line, i) => {
          const model = i === 0 ? undefined : shown[i - 1];
          const isSel = model !== undefined && model.name === selected;
          const text = `${isSel ? '▶ ' : '  '}${line}`.padEnd(cols);
          return (
            <Text key={i} wrap="truncate" bold={i === 0 || isSel} dimColor={i === 0} inverse={isSel} color={model?.state === 'fitting' ? 'yellow' : undefined}>
              {text}
            </Text>
          );
        })
      )}
    </Panel>
  );
}
