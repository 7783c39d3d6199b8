import { readFile } from 'node:fs/promises';
import { ApiClient, resolveUrl } from '../client.ts';
import { CliError, EXIT } from '../exit.ts';
import { alignedTable } from '../format/table.ts';
import { readStdin } from './input.ts';
import { parseRows } from './rows-input.ts';

interface PredictFlags {
  url?: string;
  input?: string;
  json?: boolean;
  csv?: boolean;
}

interface Tensor {
  name: string;
  datatype: string;
  shape: number[];
  data?: (number | boolean)[];
}
interface ModelMetadata {
  platform: string;
  inputs: Tensor[];
}
interface InferAnswer {
  model_name: string;
  model_version: string;
  outputs: Tensor[];
}

/** The 2-D input the rows feed: --input NAME, or the model's only input. */
function chooseInput(meta: ModelMetadata, model: string, wanted?: string): Tensor {
  if (meta.platform !== 'onnx_onnxv1') throw new CliError(`'${model}' is a forecasting model; use: modelapi forecast <steps> --model ${model}`, EXIT.serverSaidNo);
  const input = wanted ? meta.inputs.find((i) => i.name === wanted) : meta.inputs.length === 1 ? meta.inputs[0] : undefined;
  if (!input) {
    const names = meta.inputs.map((i) => i.name).join(', ');
    throw new CliError(wanted ? `'${model}' has no input '${wanted}' (inputs: ${names})` : `'${model}' has several inputs (${names}); choose one with --input`, EXIT.usage);
  }
  if (input.shape.length !== 2) throw new CliError(`input '${input.name}' has shape [${input.shape.join(',')}]; predict feeds 2-D inputs (rows × columns)`, EXIT.usage);
  return input;
}

/** Output columns: `y` for a one-column output, `y[0]`, `y[1]`, … otherwise. */
function columns(outputs: Tensor[], rows: number): { headers: string[]; cells: string[][] } {
  const headers: string[] = [];
  const cells: string[][] = Array.from({ length: rows }, () => []);
  for (const o of outputs) {
    const width = o.data!.length / rows;
    for (let j = 0; j < width; j++) headers.push(width === 1 ? o.name : `${o.name}[${j}]`);
    for (let i = 0; i < rows; i++) for (let j = 0; j < width; j++) cells[i]!.push(String(o.data![i * width + j]));
  }
  return { headers, cells };
}

/** `modelapi predict <model> <file|->`: CSV or JSON rows → one batched infer → one line per row. */
export async function predict(model: string, file: string, flags: PredictFlags): Promise<void> {
  let text: string;
  try {
    text = file === '-' ? await readStdin() : await readFile(file, 'utf8');
  } catch (err) {
    throw new CliError(`cannot read ${file}: ${(err as Error).message}`, EXIT.usage);
  }
  const rows = parseRows(text, file === '-' ? 'stdin' : file);
  const client = new ApiClient(resolveUrl(flags.url));
  const name = encodeURIComponent(model);
  const input = chooseInput(await client.oip<ModelMetadata>('GET', `/v2/models/${name}`), model, flags.input);
  const answer = await client.oip<InferAnswer>('POST', `/v2/models/${name}/infer`, {
    inputs: [{ name: input.name, shape: [rows.length, rows[0]!.length], datatype: input.datatype, data: rows }],
  });
  if (flags.json) return void process.stdout.write(`${JSON.stringify(answer, null, 2)}\n`);
  const { headers, cells } = columns(answer.outputs, rows.length);
  if (flags.csv) return void process.stdout.write(`${[headers, ...cells].map((r) => r.join(',')).join('\n')}\n`);
  process.stdout.write(`${alignedTable(['row', ...headers], cells.map((c, i) => [String(i + 1), ...c]))}\n`);
}
