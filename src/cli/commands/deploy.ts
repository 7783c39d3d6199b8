import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { FormData } from 'undici';
import { ApiClient, resolveUrl } from '../client.ts';
import { CliError, EXIT } from '../exit.ts';
import { describeSignature, type SignatureText } from './signature-text.ts';

interface DeployFlags {
  url?: string;
  model: string;
  meta?: string[];
  allowSignatureChange?: boolean;
  json?: boolean;
}

interface DeployAnswer {
  model: string;
  version: number;
  kind: string;
  reused: boolean;
  signature: SignatureText;
}

/** `--meta key=value`: `tags` is a comma-separated list, other values are strings. */
export function metadataFlags(pairs: string[] | undefined): Record<string, unknown> | undefined {
  if (!pairs?.length) return undefined;
  const out: Record<string, unknown> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new CliError(`--meta: expected key=value, got '${pair}'`, EXIT.usage);
    const key = pair.slice(0, eq);
    const value = pair.slice(eq + 1);
    out[key] = key === 'tags' ? value.split(',').map((t) => t.trim()).filter(Boolean) : value;
  }
  return out;
}

/** `modelapi deploy <file.onnx> --model NAME`: raw bytes, or multipart when there is metadata. */
export async function deploy(file: string, flags: DeployFlags): Promise<void> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (err) {
    throw new CliError(`cannot read ${file}: ${(err as Error).message}`, EXIT.usage);
  }
  const metadata = metadataFlags(flags.meta);
  const query = flags.allowSignatureChange ? '?allowSignatureChange=true' : '';
  const path = `/v1/models/${encodeURIComponent(flags.model)}/onnx${query}`;
  const client = new ApiClient(resolveUrl(flags.url));
  let answer: DeployAnswer;
  if (metadata) {
    const form = new FormData();
    form.append('model', new Blob([bytes]), basename(file));
    form.append('metadata', JSON.stringify(metadata));
    answer = await client.upload<DeployAnswer>('PUT', path, form);
  } else {
    answer = await client.upload<DeployAnswer>('PUT', path, bytes, { 'content-type': 'application/octet-stream' });
  }
  if (flags.json) return void process.stdout.write(`${JSON.stringify(answer, null, 2)}\n`);
  const reused = answer.reused ? ' · same file as the current version: reused' : '';
  process.stdout.write(`model ${answer.model} · version ${answer.version} · ${answer.kind} · ${describeSignature(answer.signature)}${reused}\n`);
}
