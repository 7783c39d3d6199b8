/**
 * The daemon's latency as the kernel sees it: a packet capture of the loopback interface (tcpdump, the
 * Debian package; it needs root or CAP_NET_RAW), from each request's first packet arriving to the last
 * packet of its answer leaving. wrk's own figures also hold the time its threads take to get a CPU
 * and read an answer already waiting in their socket: on this 2-vCPU machine, with wrk's two threads,
 * the daemon's thread and a fit's thread sharing the cores, that was most of wrk's p99 in the same-model
 * runs (docs/benchmarks.md, "socket-level latency"). Both figures are printed; neither replaces the other.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export interface SocketLatency {
  requests: number;
  p50: number;
  p99: number;
  max: number;
}

/** A running capture of TCP traffic to one port on loopback; undefined from start() when tcpdump cannot run. */
export class SocketCapture {
  private constructor(
    private readonly child: ChildProcess,
    private readonly file: string,
    private readonly port: number,
  ) {}

  static async start(port: number, dir: string): Promise<SocketCapture | undefined> {
    const file = join(dir, `capture-${port}-${Date.now()}.pcap`);
    // -s 160: headers and the request line, enough to tell requests apart; -U: written as captured.
    const child = spawn('tcpdump', ['-i', 'lo', '-s', '160', '-B', '65536', '-U', '-n', '-w', file, 'tcp', 'port', String(port)], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    // It says "tcpdump: listening on lo, …" once capturing; a run without it is measured without capture.
    const ready = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), 5_000);
      child.on('error', () => resolve(false));
      child.on('exit', () => resolve(false));
      createInterface({ input: child.stderr! }).on('line', (l) => {
        if (!l.includes('listening on')) return;
        clearTimeout(timer);
        resolve(true);
      });
    });
    if (await ready) return new SocketCapture(child, file, port);
    if (child.exitCode === null) child.kill('SIGKILL');
    return undefined;
  }

  /** Stops the capture; the latencies of the requests whose first bytes `select` accepts (all by default). */
  async stop(select: (head: string) => boolean = () => true): Promise<SocketLatency> {
    // tcpdump falls behind under load (it gets little CPU then), and on SIGINT it drops what the kernel
    // holds for it unread: let it write until the file stops growing (for 0.3 s, 10 s at the most).
    const deadline = Date.now() + 10_000;
    for (let last = -1, stable = 0; stable < 3 && Date.now() < deadline; ) {
      await new Promise((r) => setTimeout(r, 100));
      const size = statSync(this.file).size;
      stable = size === last ? stable + 1 : 0;
      last = size;
    }
    const exited = once(this.child, 'exit');
    this.child.kill('SIGINT');
    await exited;
    const ms = requestLatencies(readFileSync(this.file), this.port, select).sort((a, b) => a - b);
    const at = (q: number) => ms[Math.min(ms.length - 1, Math.floor(q * ms.length))] ?? NaN;
    return { requests: ms.length, p50: at(0.5), p99: at(0.99), max: ms[ms.length - 1] ?? NaN };
  }
}

export const fmtSocket = (s: SocketLatency | undefined) =>
  s === undefined
    ? 'socket-level latency: tcpdump not available (needs the package and root), not measured'
    : `socket-level (tcpdump) ${String(s.requests).padStart(7)} requests   p50 ${s.p50.toFixed(2).padStart(6)} ms   p99 ${s.p99.toFixed(2).padStart(6)} ms   max ${s.max.toFixed(1).padStart(6)} ms`;

/**
 * Request latencies (ms) in a pcap of keep-alive HTTP/1.1 connections without pipelining: on each
 * connection a request is the data packets from the client up to the server's first answer packet, and
 * it ends with the last server data packet before the client's next request.
 */
export function requestLatencies(pcap: Buffer, port: number, select: (head: string) => boolean): number[] {
  const magic = pcap.readUInt32LE(0);
  const nanos = magic === 0xa1b23c4d;
  if (!nanos && magic !== 0xa1b2c3d4) throw new Error('not a little-endian pcap file');
  const linkHeader = { 1: 14, 113: 16, 276: 20, 0: 4 }[pcap.readUInt32LE(20)];
  if (linkHeader === undefined) throw new Error(`pcap link type ${pcap.readUInt32LE(20)} not handled`);
  const open = new Map<number, { start: number; end?: number; chosen: boolean }>();
  const out: number[] = [];
  for (let at = 24; at + 16 <= pcap.length; ) {
    const t = pcap.readUInt32LE(at) * 1000 + pcap.readUInt32LE(at + 4) / (nanos ? 1e6 : 1e3);
    const captured = pcap.readUInt32LE(at + 8);
    const packet = pcap.subarray(at + 16, at + 16 + captured);
    at += 16 + captured;
    const ip = packet.subarray(linkHeader);
    const version = ip[0]! >> 4;
    let tcp: Buffer;
    let tcpBytes: number;
    if (version === 4) {
      const ihl = (ip[0]! & 15) * 4;
      tcp = ip.subarray(ihl);
      tcpBytes = ip.readUInt16BE(2) - ihl;
    } else if (version === 6) {
      tcp = ip.subarray(40);
      tcpBytes = ip.readUInt16BE(4);
    } else continue;
    const [from, to] = [tcp.readUInt16BE(0), tcp.readUInt16BE(2)];
    const dataOffset = (tcp[12]! >> 4) * 4;
    if (tcpBytes - dataOffset <= 0) continue;
    if (to === port) {
      const current = open.get(from);
      if (current && current.end === undefined) continue; // the rest of a request sent in several packets
      if (current?.end !== undefined && current.chosen) out.push(current.end - current.start);
      open.set(from, { start: t, chosen: select(tcp.subarray(dataOffset).toString('latin1')) });
    } else if (from === port) {
      const current = open.get(to);
      if (current) current.end = t;
    }
  }
  for (const r of open.values()) if (r.end !== undefined && r.chosen) out.push(r.end - r.start);
  return out;
}

/** A `select` for the benches' forecast loads: their GETs, not the fits' or appends' POSTs to the same port. */
export const onlyGets = (head: string) => head.startsWith('GET ');

/** Runs `load` while capturing the traffic of `url`'s port; the capture's latencies of the selected requests. */
export async function withSocketLatency<T>(url: string, dir: string, load: () => Promise<T>, select?: (head: string) => boolean): Promise<[T, SocketLatency | undefined]> {
  const capture = await SocketCapture.start(Number(new URL(url).port), dir);
  const result = await load();
  return [result, await capture?.stop(select)];
}
