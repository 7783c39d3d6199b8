// A bare node:http server that imitates only the lock contract's waits: every `period` ms a "fit"
// holds the lock for `hold` ms, and requests arriving meanwhile are answered when it ends, the rest at
// once, each with the same ~47 KB body as bench:serve's forecast. The reference for how wrk reports
// such waits (bench/wrk-correction.ts). On SIGTERM it prints how many requests it held.
import { createServer } from 'node:http';

const body = Buffer.alloc(47071, 'x');
const period = Number(process.argv[2] ?? 450);
const hold = Number(process.argv[3] ?? 80);
let waiting = null;
let held = 0;
let total = 0;
const send = (res) => {
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length });
  res.end(body);
};
// hold 0: the control, nothing held.
if (hold > 0) setInterval(() => {
  waiting = [];
  setTimeout(() => {
    const w = waiting;
    waiting = null;
    for (const res of w) send(res);
  }, hold);
}, period);
const server = createServer((req, res) => {
  total++;
  if (waiting) {
    held++;
    waiting.push(res);
  } else send(res);
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`listening on http://127.0.0.1:${server.address().port}\n`));
process.on('SIGTERM', () => {
  process.stdout.write(`held ${held} of ${total}\n`);
  process.exit(0);
});
