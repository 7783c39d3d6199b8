import { connect } from 'node:net';

export interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: any;
}

/** The complete answers at the start of `text` (each with a Content-Length body). */
function parseAnswers(text: string): RawAnswer[] {
  const out: RawAnswer[] = [];
  let rest = Buffer.from(text);
  for (;;) {
    const end = rest.indexOf('\r\n\r\n');
    if (end < 0) return out;
    const [statusLine, ...lines] = rest.subarray(0, end).toString().split('\r\n');
    const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
    const length = Number(headers['content-length'] ?? -1);
    if (length < 0 || rest.length < end + 4 + length) return out;
    const body = rest.subarray(end + 4, end + 4 + length).toString();
    out.push({ status: Number(statusLine!.split(' ')[1]), headers, body: body ? JSON.parse(body) : undefined });
    rest = rest.subarray(end + 4 + length);
  }
}

/**
 * Writes bytes to the daemon over a plain socket (for requests no HTTP client would send: malformed,
 * oversized, half-sent, sent later on an open connection) and reads `count` answers, or what came before the server closed.
 */
export function rawExchange(url: string, chunks: (string | (() => Promise<string>))[], count = 1): Promise<RawAnswer[]> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let text = '';
    const finish = () => {
      socket.destroy();
      const answers = parseAnswers(text);
      if (answers.length === 0) reject(new Error(`no complete JSON answer: ${text.slice(0, 300)}`));
      else resolve(answers);
    };
    socket.on('data', (c) => {
      text += c;
      if (parseAnswers(text).length >= count) finish();
    });
    socket.on('end', finish);
    socket.on('error', (err) => (text ? finish() : reject(err)));
    // A function chunk is written when its promise settles: a request sent later on the same connection.
    socket.on('connect', async () => {
      for (const c of chunks) socket.write(typeof c === 'string' ? c : await c());
    });
  });
}

export const rawRequest = async (url: string, chunks: (string | (() => Promise<string>))[]): Promise<RawAnswer> => (await rawExchange(url, chunks))[0]!;
