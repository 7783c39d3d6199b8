import { readFile } from 'node:fs/promises';
import { DatasetError, parseDataset, type ParsedDataset } from '../dataset.ts';
import { CliError, EXIT } from '../exit.ts';

export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Reads and parses the dataset a verb was given; problems are usage errors naming the file. */
export async function loadDataset(file: string, column: string | undefined, dateColumn?: string): Promise<ParsedDataset> {
  let text: string;
  try {
    text = file === '-' ? await readStdin() : await readFile(file, 'utf8');
  } catch (err) {
    throw new CliError(`cannot read ${file}: ${(err as Error).message}`, EXIT.usage);
  }
  try {
    return parseDataset(text, { source: file === '-' ? 'stdin' : file, column, dateColumn });
  } catch (err) {
    if (err instanceof DatasetError) throw new CliError(err.message, EXIT.usage);
    throw err;
  }
}

/** "7,0,1" → [7, 0, 1]. */
export function intList(flag: string, text: string, length: number): number[] {
  const parts = text.split(',').map((s) => s.trim());
  if (parts.length !== length || parts.some((p) => !/^\d+$/.test(p))) {
    throw new CliError(`${flag}: expected ${length} non-negative integers separated by commas, got '${text}'`, EXIT.usage);
  }
  return parts.map(Number);
}

export function positiveInt(flag: string, text: string): number {
  if (!/^\d+$/.test(text.trim()) || Number(text) < 1) throw new CliError(`${flag}: expected a positive integer, got '${text}'`, EXIT.usage);
  return Number(text);
}

/** `-o key=value`: the value is JSON when it parses as JSON (numbers, arrays, booleans), else a string. */
export function keyValues(pairs: string[] | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const pair of pairs ?? []) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new CliError(`--option: expected key=value, got '${pair}'`, EXIT.usage);
    const value = pair.slice(eq + 1);
    try {
      out[pair.slice(0, eq)] = JSON.parse(value);
    } catch {
      out[pair.slice(0, eq)] = value;
    }
  }
  return out;
}
