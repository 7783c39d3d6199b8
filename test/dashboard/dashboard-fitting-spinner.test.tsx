import { test } from 'node:test';
import assert from 'node:assert/strict';
import { render } from 'ink-testing-library';
import { ModelsTable } from '../../src/cli/dashboard/models-table.tsx';
import { SPINNER_FRAMES } from '../../src/cli/live/spinner.ts';
import type { ModelRow } from '../../src/cli/dashboard/state.ts';

const row = (name: string, state: ModelRow['state']): ModelRow => ({
  name, currentVersion: 3, kind: 'arima', spec: {}, state, lastFitMs: 1200, versions: 3, readersWaiting: 0, writersWaiting: 1,
});

test('a fitting model shows a turning spinner and the time since its fit started; a ready one does not', () => {
  const models = [row('sales', 'fitting'), row('temps', 'ready')];
  const started = 1_000_000;
  const frameAt = (now: number) => {
    const ui = render(<ModelsTable models={models} selected="temps" fitStarts={{ sales: started }} now={now} width={80} height={8} />);
    const frame = ui.lastFrame() ?? '';
    ui.unmount();
    return frame;
  };
  const a = frameAt(started + 2_500);
  const salesLine = a.split('\n').find((l) => l.includes('sales'))!;
  const spinner = SPINNER_FRAMES.find((f) => salesLine.includes(`${f} fitting 2.5s`));
  assert.ok(spinner, `spinner and elapsed time in: ${salesLine}`);
  assert.match(salesLine, /1 waiting/);
  const tempsLine = a.split('\n').find((l) => l.includes('temps'))!;
  assert.ok(!SPINNER_FRAMES.some((f) => tempsLine.includes(f)), 'no spinner on a ready model');
  assert.match(tempsLine, /ready/);

  const b = frameAt(started + 2_600);
  const later = b.split('\n').find((l) => l.includes('sales'))!;
  assert.match(later, /fitting 2\.6s/);
  assert.ok(!later.includes(`${spinner} fitting`), 'the spinner moved on');
  assert.match(frameAt(started + 125_000), /fitting 2m05s/);
});
