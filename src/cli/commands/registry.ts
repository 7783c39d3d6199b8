import { ApiClient, resolveUrl } from '../client.ts';
import { alignedTable } from '../format/table.ts';
import { signatureArrow, type SignatureText } from './signature-text.ts';

interface Flags {
  url?: string;
  json?: boolean;
}

interface ModelRow {
  name: string;
  currentVersion: number | null;
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

/** `modelapi models`. */
export async function models(flags: Flags): Promise<void> {
  const rows = await new ApiClient(resolveUrl(flags.url)).call<ModelRow[]>('GET', '/v1/models');
  if (flags.json) return print(JSON.stringify(rows, null, 2));
  if (rows.length === 0) return print('no models yet; fit one with: modelapi fit <file>');
  print(
    alignedTable(
      ['model', 'version', 'kind', 'state', 'versions', 'n', 'updated', 'signature'],
      rows.map((m) => [
        m.name, String(m.currentVersion ?? '-'), m.kind ?? '-', m.state, String(m.versions), m.kind === 'onnx' ? '-' : String(m.nObs ?? '-'), when(m.updatedAt), signatureOf(m),
      ]),
      ['l', 'r', 'l', 'l', 'r', 'r', 'l', 'l'],
    ),
  );
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
