import { Box, Text, useApp, useInput, useStdout } from 'ink';
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { Store } from './store.ts';
import { layout } from './layout.ts';
import { Header } from './header.tsx';
import { ModelsTable } from './models-table.tsx';
import { Chart, chartQuery } from './chart.tsx';
import { Workers } from './workers.tsx';
import { Requests } from './requests.tsx';
import { EventLog } from './event-log.tsx';
import { Help } from './help.tsx';
import { NoDaemon } from './no-daemon.tsx';

/** What the view can ask of the outside world; tests pass spies, the CLI passes the controller. */
export interface Actions {
  refit(model: string): void;
  reconnect(): void;
  /** The chart needs this forecast; called again whenever the model, version or chart size changes. */
  wantChart(q: { model: string; version: number; h: number; history: number }): void;
}

export interface AppProps {
  store: Store;
  actions: Actions;
  /** Fixed terminal size (tests); otherwise the real one, following resizes. */
  size?: { columns: number; rows: number };
  clock?: () => number;
}

function useTerminalSize(fixed: AppProps['size']): { columns: number; rows: number } {
  const { stdout } = useStdout();
  const read = () => fixed ?? { columns: stdout.columns || 100, rows: stdout.rows || 30 };
  const [size, setSize] = useState(read);
  useEffect(() => {
    if (fixed) return;
    const onResize = () => setSize(read());
    stdout.on('resize', onResize);
    return () => void stdout.off('resize', onResize);
  }, [stdout, fixed]);
  return fixed ?? size;
}

/** A clock that ticks fast only while something on screen moves (a spinner, a countdown), slowly otherwise. */
function useNow(clock: () => number, tickMs: number): number {
  const [now, setNow] = useState(clock);
  useEffect(() => {
    const id = setInterval(() => setNow(clock()), tickMs);
    return () => clearInterval(id);
  }, [clock, tickMs]);
  return now;
}

export function App({ store, actions, size: fixedSize, clock = Date.now }: AppProps) {
  const state = useSyncExternalStore(store.subscribe, store.getState);
  const { exit } = useApp();
  const size = useTerminalSize(fixedSize);
  const [help, setHelpState] = useState(false);
  const [confirm, setConfirmState] = useState<string | null>(null);
  // The key handler reads these refs, not the state: keys typed faster than React re-subscribes the
  // handler would otherwise see the previous screen's mode (a second ? would not close the help).
  const modes = useRef({ help, confirm });
  const setHelp = (v: boolean) => setHelpState((modes.current.help = v));
  const setConfirm = (v: string | null) => setConfirmState((modes.current.confirm = v));
  const models = state.snapshot?.models ?? [];
  const now = useNow(clock, models.some((m) => m.state === 'fitting') ? 100 : state.connection.status === 'down' ? 250 : 1000);
  const box = layout(size.columns, size.rows, state.snapshot?.requests.length ?? 0);
  const selected = models.find((m) => m.name === state.selected) ?? null;
  const query = chartQuery(box.right);

  useEffect(() => {
    if (selected && selected.currentVersion !== null) actions.wantChart({ model: selected.name, version: selected.currentVersion, ...query });
  }, [selected?.name, selected?.currentVersion, query.h, query.history]);

  useInput((input, key) => {
    if (input === 'q' || (key.ctrl && input === 'c')) return exit();
    const { confirm, help } = modes.current;
    if (confirm !== null) {
      if (input === 'y' || input === 'Y') actions.refit(confirm);
      setConfirm(null);
      return;
    }
    if (help) return setHelp(false);
    if (input === '?') setHelp(true);
    else if (input === 'r') actions.reconnect();
    else if (key.upArrow || input === 'k') store.dispatchNow({ type: 'select', delta: -1 });
    else if (key.downArrow || input === 'j') store.dispatchNow({ type: 'select', delta: 1 });
    else if (input === 'f') {
      // From the store, not the render: a ↓ just before f may not have been drawn yet.
      const st = store.getState();
      const current = st.snapshot?.models.find((m) => m.name === st.selected);
      if (current && current.currentVersion !== null) setConfirm(current.name);
    }
  });

  const conn = state.connection;
  let body;
  if (help) body = <Help width={box.width} url={state.url} />;
  else if (!state.everConnected) {
    body =
      conn.status === 'down' ? (
        <NoDaemon url={state.url} reason={conn.reason} retryInS={Math.max(0, Math.ceil((conn.retryAt - now) / 1000))} width={box.width} />
      ) : (
        <Text>{`connecting to ${state.url}…`}</Text>
      );
  } else {
    const dim = conn.status !== 'open';
    body = (
      <Box flexDirection="column">
        <Box>
          <ModelsTable models={models} selected={state.selected} fitStarts={state.fitStarts} now={now} width={box.left} height={box.top} dim={dim} />
          <Chart chart={state.chart} model={selected} width={box.right} height={box.top} dim={dim} />
        </Box>
        <Box>
          <Workers pools={state.snapshot?.pools ?? null} onnx={state.snapshot?.onnx} width={box.left} height={box.middle} dim={dim} />
          <Requests requests={state.snapshot?.requests ?? []} width={box.right} height={box.middle} dim={dim} />
        </Box>
        <EventLog log={state.log} width={box.width} height={box.log} />
      </Box>
    );
  }
  return (
    <Box flexDirection="column" width={box.width}>
      <Header state={state} now={now} width={box.width} />
      {body}
      {confirm !== null ? (
        <Text color="yellow" bold wrap="truncate">{`Fit '${confirm}' again from its stored series, as a new version? (y/n)`}</Text>
      ) : (
        <Text dimColor wrap="truncate">↑/↓ select · f fit again · r reconnect · ? help · q quit</Text>
      )}
    </Box>
  );
}
