import { Box, Text } from 'ink';
import type { DashState } from './state.ts';
import { formatBytes, formatDuration, fit } from './format.ts';

/** One line: where the daemon is, how long it has been up, and whether all is well. */
export function Header({ state, now, width }: { state: DashState; now: number; width: number }) {
  const snap = state.snapshot;
  const conn = state.connection;
  let health: { text: string; color: string };
  if (conn.status === 'open') {
    const errors = snap?.requests.reduce((n, r) => n + r.errors, 0) ?? 0;
    const failedFits = snap?.pools.fit.failed ?? 0;
    health = errors > 0 ? { text: `● ${errors} server errors (10 s)`, color: 'yellow' } : { text: '● healthy', color: 'green' };
    if (errors === 0 && failedFits > 0) health = { text: `● healthy · ${failedFits} failed fits`, color: 'yellow' };
  } else if (conn.status === 'down') {
    const secs = Math.max(0, Math.ceil((conn.retryAt - now) / 1000));
    health = { text: `○ disconnected (${conn.reason}) · retry ${secs > 0 ? `in ${secs}s` : 'now'} · attempt ${conn.attempt}`, color: 'red' };
  } else health = { text: '○ connecting…', color: 'yellow' };
  const d = snap?.daemon;
  const uptime = d ? formatDuration(d.uptimeS) : '-';
  const left = d ? `modelapi ${d.version} · ${state.url} · up ${uptime} · db ${formatBytes(d.db.bytes)} · ` : `modelapi · ${state.url} · `;
  const keys = '? help  q quit';
  return (
    <Box width={width} justifyContent="space-between">
      <Text wrap="truncate">
        <Text bold>{fit(left, Math.max(0, width - keys.length - health.text.length - 2))}</Text>
        <Text color={health.color}>{health.text}</Text>
      </Text>
      <Text dimColor>{keys}</Text>
    </Box>
  );
}
