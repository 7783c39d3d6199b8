import { Text } from 'ink';
import { Panel, inner } from './panel.tsx';
import { clock } from './format.ts';
import type { LogEntry } from './state.ts';

const COLORS = { info: undefined, warn: 'yellow', error: 'red' } as const;

/** The newest events at the bottom, older ones scrolling off the top. */
export function EventLog({ log, width, height }: { log: readonly LogEntry[]; width: number; height: number }) {
  const { lines } = inner(width, height);
  const shown = lines > 0 ? log.slice(-lines) : [];
  return (
    <Panel title={`Events (${log.length})`} width={width} height={height}>
      {shown.map((e, i) => (
        <Text key={i} wrap="truncate" color={COLORS[e.level]}>
          <Text dimColor>{clock(e.at)} </Text>
          {e.text}
        </Text>
      ))}
    </Panel>
  );
}
