import { oipDatatype } from './datatypes.ts';

/**
 * One input or output of a model: `shape` has -1 for each dynamic dimension, and `dimNames` the
 * symbolic name the model gives it (null for fixed dimensions and unnamed dynamic ones).
 */
export interface TensorSpec {
  name: string;
  datatype: string;
  shape: number[];
  dimNames: (string | null)[];
}

export interface Signature {
  inputs: TensorSpec[];
  outputs: TensorSpec[];
}

/** What onnxruntime-node reports of a session's input or output (`session.inputMetadata[i]`). */
export interface OrtValueMetadata {
  name: string;
  isTensor: boolean;
  type?: string;
  shape?: readonly (number | string)[];
}

/** A model modelapi cannot serve (not a tensor model); the message says which value. */
export class UnservableModelError extends Error {}

export function tensorSpec(meta: OrtValueMetadata, role: 'input' | 'output'): TensorSpec {
  if (!meta.isTensor || !meta.type || !meta.shape) {
    throw new UnservableModelError(`${role} '${meta.name}' is not a tensor; only tensor inputs and outputs are served`);
  }
  const fixed = (d: number | string): d is number => typeof d === 'number' && d >= 0;
  return {
    name: meta.name,
    datatype: oipDatatype(meta.type),
    shape: meta.shape.map((d) => (fixed(d) ? d : -1)),
    dimNames: meta.shape.map((d) => (typeof d === 'string' && d !== '' ? d : null)),
  };
}

export function signatureOf(inputs: readonly OrtValueMetadata[], outputs: readonly OrtValueMetadata[]): Signature {
  return { inputs: inputs.map((m) => tensorSpec(m, 'input')), outputs: outputs.map((m) => tensorSpec(m, 'output')) };
}

const shapeText = (t: TensorSpec) => `[${t.shape.map((d, i) => (d === -1 ? t.dimNames[i] ?? '-1' : d)).join(',')}]`;

function listDifference(role: string, old: TensorSpec[], next: TensorSpec[]): string | undefined {
  const oldNames = old.map((t) => t.name).join(', ');
  const newNames = next.map((t) => t.name).join(', ');
  if (oldNames !== newNames) return `${role}s: ${oldNames || '(none)'} → ${newNames || '(none)'}`;
  for (let i = 0; i < old.length; i++) {
    const a = old[i]!;
    const b = next[i]!;
    if (a.datatype !== b.datatype) return `${role} '${a.name}' datatype: ${a.datatype} → ${b.datatype}`;
    if (shapeText(a) !== shapeText(b)) return `${role} '${a.name}' shape: ${shapeText(a)} → ${shapeText(b)}`;
  }
  return undefined;
}

/** The first difference between two signatures, as "input 'x' shape: [batch,3] → [batch,4]"; undefined if equal. */
export function signatureDifference(old: Signature, next: Signature): string | undefined {
  return listDifference('input', old.inputs, next.inputs) ?? listDifference('output', old.outputs, next.outputs);
}

/** "x FP32 [-1,8]" — how the CLI and the status show a tensor. */
export function describeTensor(t: TensorSpec): string {
  return `${t.name} ${t.datatype} [${t.shape.join(',')}]`;
}
