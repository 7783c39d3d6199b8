import { test } from 'node:test';
import assert from 'node:assert/strict';
import { qnorm, qt } from '../../src/forecasting/stats.ts';

function close(actual: number, expected: number, rel: number, what: string): void {
  const err = Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-300);
  assert.ok(err <= rel, `${what}: got ${actual}, expected ${expected} (relative error ${err})`);
}

test('qnorm matches the values R prints', () => {
  close(qnorm(0.975), 1.959963984540054, 1e-15, 'qnorm(0.975)');
  close(qnorm(0.9), 1.2815515655446004, 1e-15, 'qnorm(0.9)');
  close(qnorm(1e-10), -6.361340902404056, 1e-15, 'qnorm(1e-10)');
  close(qnorm(0.999), 3.090232306167813, 1e-15, 'qnorm(0.999)');
  assert.equal(qnorm(0.5), 0);
  assert.equal(qnorm(0), -Infinity);
  assert.equal(qnorm(1), Infinity);
  assert.ok(Number.isNaN(qnorm(1.5)));
});

test('qt matches the values R prints', () => {
  // Reference values are the exact quantiles at the double nearest p (40-digit arithmetic), which R
  // prints to its last digit. qt(0.975, 5) is 2.5705818356363146: 2.5705818366147395 has CDF 0.97500000003.
  const cases: Array<[number, number, number]> = [
    [0.975, 5, 2.5705818356363146],
    [0.9, 1, 3.077683537175253],
    [0.975, 100, 1.9839715185235518],
    [0.975, 1, 12.706204736174694],
    [0.995, 2, 9.92484320091829],
    [0.975, 10, 2.2281388519862744],
    [0.975, 6, 2.4469118511449692],
    [0.9, 6, 1.4397557472651485],
    [1e-10, 3, -2225.769284683093],
  ];
  for (const [p, df, want] of cases) close(qt(p, df), want, 1e-13, `qt(${p}, ${df})`);
  assert.equal(qt(0.5, 7), 0);
  close(qt(0.25, 4), -qt(0.75, 4), 0, "symmetry");
});

test('qt tends to qnorm as df grows', () => {
  close(qt(0.975, 1e25), qnorm(0.975), 1e-15, 'df=1e25');
  close(qt(0.975, 1e7), 1.959964221767205, 1e-13, 'df=1e7');
});
