import { Text } from 'ink';
import { alignedTable } from '../format/table.ts';
import { Panel, inner } from './panel.tsx';
import { bar } from './sparkline.ts';
import type { Snapshot } from './state.ts';

type Pools = Snapshot['pools'];
type Onnx = Snapshot['onnx'];

/**
 * One line a pool: a dot a thread (● busy, ○ idle), then the queue as a bar. The bar's scale grows with
 * the queue, starting at four tasks a thread, so a short queue reads as short.
 */
/** The bulk pool is shown only while it has threads or has done work: most daemons never use it. */
function poolNames(pools: Pools): ('fit' | 'forecast' | 'bulk')[] {
  const bulk = pools.bulk;
  return bulk && (bulk.threads > 0 || bulk.completed > 0) ? ['fit', 'forecast', 'bulk'] : ['fit', 'forecast'];
}

export function workerLines(pools: Pools, cols: number, onnx?: Onnx): string[] {
  const list = poolNames(pools).map((name) => ({ name, ...pools[name]! }));
  // onnxruntime sessions live in the forecast pool's workers (a column only for daemons that report them).
  const sessions = (name: string) => (onnx ? [name === 'forecast' ? String(onnx.sessions.forecast) : '-'] : []);
  const table = (barWidth: number) =>
    alignedTable(
      ['pool', 'threads', 'queue', 'done', 'failed', ...(onnx ? ['sessions'] : [])],
      list.map((p) => [
        p.name,
        `${'●'.repeat(Math.min(p.busy, p.threads))}${'○'.repeat(Math.max(0, p.threads - p.busy))} ${p.busy}/${p.threads}`,
        `${bar(p.queued, Math.max(4 * p.threads, p.queued), barWidth)} ${p.queued}`,
        String(p.completed),
        String(p.failed),
        ...sessions(p.name),
      ]),
      ['l', 'l', 'l', 'r', 'r', 'r'],
    ).split('\n');
  // The widest bar that still fits the panel.
  for (let w = 12; w > 3; w--) {
    const lines = table(w);
    if (lines.every((l) => l.length <= cols)) return lines;
  }
  return table(3);
}

export function Workers({ pools, onnx, width, height, dim }: { pools: Pools | null; onnx?: Onnx; width: number; height: number; dim?: boolean }) {
  const { cols } = inner(width, height);
  const lines = pools ? workerLines(pools, cols, onnx) : [];
  const streams = onnx && onnx.streams.open > 0 ? ` · ${onnx.streams.open} stream${onnx.streams.open > 1 ? 's' : ''}${onnx.streams.paused ? ` (${onnx.streams.paused} paused)` : ''}` : '';
  return (
    <Panel title={`Workers${streams}`} width={width} height={height} dim={dim}>
      {lines.map((line, i) => {
        const pool = i === 0 || !pools ? undefined : pools[poolNames(pools)[i - 1]!];
        const color = pool && pool.failed > 0 ? 'red' : pool && pool.busy > 0 ? 'yellow' : undefined;
        return (
          <Text key={i} wrap="truncate" dimColor={i === 0} color={color}>
            {line}
          </Text>
        );
      })}
    </Panel>
  );
}
