import type { StatusSnapshot } from '../../daemon/observe/status.ts';
import { ApiClient, resolveUrl } from '../client.ts';
import { alignedTable } from '../format/table.ts';
import { signatureArrow } from './signature-text.ts';
// The dashboard module itself is light: it loads ink and React only when the dashboard opens.
import { isDashboardCapable, runDashboard } from '../dashboard/index.ts';

interface Flags {
  url?: string;
  json?: boolean;
}

const print = (text: string): void => void process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
const ms = (v: number | null) => (v === null ? '-' : v < 10 ? v.toFixed(2) : v.toFixed(0));

/** The plain-text summary printed when stdout is not a terminal. */
export function statusSummary(s: StatusSnapshot): string {
  const d = s.daemon;
  const lines = [
    `modelapi ${d.version} at ${d.url} · up ${d.uptimeS} s · database ${d.db.file} (${(d.db.bytes / 1024).toFixed(0)} KiB)`,
    ...(['fit', 'forecast'] as const).map((name) => {
      const p = s.pools[name];
      return `${name} pool: ${p.busy}/${p.threads} busy · ${p.queued} queued · ${p.completed} done · ${p.failed} failed`;
    }),
    ...(s.onnx ? [`onnx: ${s.onnx.sessions.forecast} live sessions in the forecast pool · ${s.onnx.streams.open} streams open (${s.onnx.streams.paused} paused)`] : []),
    '',
    s.models.length === 0
      ? 'no models yet'
      : alignedTable(
          ['model', 'version', 'kind', 'state', 'versions', 'last fit ms', 'waiting', 'signature'],
          s.models.map((m) => [
            m.name, String(m.currentVersion ?? '-'), m.kind ?? '-', m.state, String(m.versions), ms(m.lastFitMs),
            `${s.onnx?.queueDepth[m.name] ?? m.readersWaiting + m.writersWaiting} queued`, signatureArrow(m.kind, m.spec),
          ]),
          ['l', 'r', 'l', 'l', 'r', 'r', 'l', 'l'],
        ),
  ];
  if (s.requests.length > 0) {
    lines.push(
      '',
      alignedTable(
        ['route (last 10 s)', 'req/s', 'p50 ms', 'p99 ms', 'errors'],
        s.requests.map((r) => [r.route, r.rate.toFixed(1), ms(r.p50Ms), ms(r.p99Ms), String(r.errors)]),
        ['l', 'r', 'r', 'r', 'r'],
      ),
    );
  }
  return lines.join('\n');
}

/** `modelapi status`: the dashboard on a terminal, a plain summary otherwise, JSON with --json. */
export async function status(flags: Flags): Promise<void> {
  const url = resolveUrl(flags.url);
  if (!flags.json && isDashboardCapable()) return runDashboard({ url });
  const snapshot = await new ApiClient(url).call<StatusSnapshot>('GET', '/v1/status');
  print(flags.json ? JSON.stringify(snapshot, null, 2) : statusSummary(snapshot));
}
