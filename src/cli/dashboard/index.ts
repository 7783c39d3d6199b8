/**
 * `modelapi dashboard`: a live full-screen view of a daemon. This file stays plain TypeScript and loads
 * ink and React only when the dashboard actually opens, so other verbs never pay for them.
 */
import { CliError, EXIT } from '../exit.ts';

/** The dashboard needs a terminal to draw on and keys to read. */
export function isDashboardCapable(): boolean {
  return Boolean(process.stdout.isTTY && process.stdin.isTTY);
}

// The alternate screen keeps the user's scrollback intact and is restored on exit, like top or less.
const ENTER_ALT = '\x1b[?1049h\x1b[H';
const LEAVE_ALT = '\x1b[?1049l\x1b[?25h';

export async function runDashboard({ url }: { url: string }): Promise<void> {
  if (!isDashboardCapable()) {
    throw new CliError('the dashboard needs a terminal (stdin and stdout must be TTYs); for scripts use: modelapi status --json', EXIT.usage);
  }
  // ink draws only the final frame when it thinks it runs in CI; on a real terminal we want it live.
  if (process.env.CI !== undefined) process.env.CI = '0';
  if (process.env.CONTINUOUS_INTEGRATION !== undefined) process.env.CONTINUOUS_INTEGRATION = '0';
  const [{ render }, { createElement }, { App }, { createDashboard }] = await Promise.all([
    import('ink'),
    import('react'),
    import('./app.tsx'),
    import('./controller.ts'),
  ]);
  const dash = createDashboard(url);
  const leave = () => process.stdout.write(LEAVE_ALT);
  process.stdout.write(ENTER_ALT);
  // Should anything end the process without unmounting, the terminal still comes back.
  process.once('exit', leave);
  // The terminal rewraps the old frame's lines on resize, so ink's erase-by-line-count leaves debris;
  // wiping the screen first (this listener runs before ink's, registered at render) avoids it.
  const wipe = () => process.stdout.write('\x1b[2J\x1b[H');
  process.stdout.on('resize', wipe);
  const ink = render(createElement(App, { store: dash.store, actions: dash.actions }), { exitOnCtrlC: true, maxFps: 10 });
  dash.start();
  try {
    await ink.waitUntilExit();
  } finally {
    await dash.stop();
    process.stdout.off('resize', wipe);
    process.off('exit', leave);
    leave();
  }
}
