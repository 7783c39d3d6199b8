import { Text } from 'ink';
import { alignedTable } from '../format/table.ts';
import { Panel, inner } from './panel.tsx';
import { formatMs } from './format.ts';
import { sparkline } from './sparkline.ts';
import type { Snapshot } from './state.ts';

/** Per route: rate and latency over the last 10 s, and a sparkline of the last minute's requests. */
export function Requests({ requests, width, height, dim }: { requests: Snapshot['requests']; width: number; height: number; dim?: boolean }) {
  const { cols, lines } = inner(width, height);
  // Busiest routes first: with a short panel those are the ones worth the space.
  const shown = [...requests].sort((a, b) => b.rate - a.rate || a.route.localeCompare(b.route)).slice(0, Math.max(0, lines - 1));
  const rows = shown.map((r) => [r.route, r.rate.toFixed(1), formatMs(r.p50Ms), formatMs(r.p99Ms), String(r.errors)]);
  const table = alignedTable(['route', 'req/s', 'p50', 'p99', 'err'], rows, ['l', 'r', 'r', 'r', 'r']).split('\n');
  const tableWidth = table.reduce((m, l) => Math.max(m, l.length), 0);
  const sparkWidth = Math.max(0, Math.min(60, cols - tableWidth - 3));
  return (
    <Panel title="Requests" width={width} height={height} dim={dim}>
      {shown.length === 0 ? (
        <Text dimColor>no requests yet</Text>
      ) : (
        table.map((line, i) => (
          <Text key={i} wrap="truncate" dimColor={i === 0}>
            {line.padEnd(tableWidth)}
            {'  '}
            {i === 0 ? (sparkWidth >= 6 ? `last ${sparkWidth}s` : '') : <Text color={shown[i - 1]!.errors > 0 ? 'red' : 'cyan'}>{sparkline(shown[i - 1]!.perSecond, sparkWidth)}</Text>}
          </Text>
        ))
      )}
    </Panel>
  );
}
