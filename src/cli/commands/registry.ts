import { ApiClient, resolveUrl } from '../client.ts';
import { alignedTable } from '../format/table.ts';
import { signatureArrow, type SignatureText } from './signature-text.ts';
import { positiveInt } from './input.ts';

interface Flags {
  url?: string;
  json?: boolean;
}

interface ModelsFlags extends Flags {
  label?: string[];
  kind?: string;
  limit?: string;
  cursor?: string;
}

interface ModelRow {
  name: string;
  currentVersion: number | null;
  labels?: Record<string, string>;
  kind: string | null;
  state: string;
  versions: number;
  nObs: number | null;
  spec: { signature?: SignatureText } | null;
  updatedAt: string;
}

/** What a model takes and gives: an ONNX model's tensors, a forecasting model's series and horizon. */
const signatureOf = (m: ModelRow) => signatureArrow(m.kind, m.spec) || (m.kind ? 'series → forecast (h steps, intervals)' : '-');

interface VersionRow {
  version: number;
  kind: string;
  state: string;
  nObs: number;
  fitMs: number | null;
  createdAt: string;
  error: string | null;
}

const print = (text: string): void => void process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
const when = (iso: string) => iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z');

const labelText = (labels: Record<string, string> | undefined) =>
  Object.entries(labels ?? {}).map(([k, v]) => `${k}=${v}`).join(' ') || '-';

/** `modelapi models [--label k=v] [--kind K] [--limit N] [--cursor C]`: one page; the next page's cursor goes to stderr. */
export async function models(flags: ModelsFlags): Promise<void> {
  const query = new URLSearchParams();
  for (const l of flags.label ?? []) query.append('label', l);
  if (flags.kind) query.set('kind', flags.kind);
  if (flags.limit) query.set('limit', String(positiveInt('--limit', flags.limit)));
  if (flags.cursor) query.set('cursor', flags.cursor);
  const qs = query.size > 0 ? `?${query}` : '';
  const { data: rows, headers } = await new ApiClient(resolveUrl(flags.url)).exchange<ModelRow[]>('GET', `/v1/models${qs}`);
  const next = headers['x-next-cursor'];
  if (flags.json) print(JSON.stringify(rows, null, 2));
  else if (rows.length === 0) print(qs ? 'no models match' : 'no models yet; fit one with: modelapi fit <file>');
  else
    print(
      alignedTable(
        ['model', 'version', 'kind', 'state', 'versions', 'n', 'updated', 'labels', 'signature'],
        rows.map((m) => [
          m.name, String(m.currentVersion ?? '-'), m.kind ?? '-', m.state, String(m.versions), m.kind === 'onnx' ? '-' : String(m.nObs ?? '-'), when(m.updatedAt), labelText(m.labels), signatureOf(m),
        ]),
        ['l', 'r', 'l', 'l', 'r', 'r', 'l', 'l', 'l'],
      ),
    );
  if (typeof next === 'string') process.stderr.write(`more models: modelapi models${flags.label?.map((l) => ` --label ${l}`).join('') ?? ''} --cursor ${next}\n`);
}

/** `modelapi versions <name>`. */
export async function versions(name: string, flags: Flags): Promise<void> {
  const rows = await new ApiClient(resolveUrl(flags.url)).call<VersionRow[]>('GET', `/v1/models/${encodeURIComponent(name)}/versions`);
  if (flags.json) return print(JSON.stringify(rows, null, 2));
  print(
    alignedTable(
      ['version', 'state', 'kind', 'n', 'fit ms', 'created', 'error'],
      rows.map((v) => [String(v.version), v.state, v.kind, String(v.nObs), v.fitMs === null ? '-' : v.fitMs.toFixed(1), when(v.createdAt), v.error ?? '']),
      ['r', 'l', 'l', 'r', 'r', 'l', 'l'],
    ),
  );
}
