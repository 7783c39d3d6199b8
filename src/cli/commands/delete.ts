import { ApiClient, resolveUrl } from '../client.ts';
import { positiveInt } from './input.ts';

interface Flags {
  url?: string;
}

/** `modelapi delete <model> [version]`. */
export async function deleteModel(model: string, version: string | undefined, flags: Flags): Promise<void> {
  const client = new ApiClient(resolveUrl(flags.url));
  const name = encodeURIComponent(model);
  if (version !== undefined) {
    const v = positiveInt('version', version);
    await client.call('DELETE', `/v1/models/${name}/versions/${v}`);
    process.stdout.write(`deleted ${model} version ${v}\n`);
  } else {
    await client.call('DELETE', `/v1/models/${name}`);
    process.stdout.write(`deleted ${model} and all its versions (a model fitted again under this name continues its numbering)\n`);
  }
}
