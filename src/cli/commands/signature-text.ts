/** A model signature as the daemon sends it (see src/onnx/signature.ts). */
export interface SignatureText {
  inputs: { name: string; datatype: string; shape: number[] }[];
  outputs: { name: string; datatype: string; shape: number[] }[];
}

const tensors = (list: SignatureText['inputs']) => list.map((t) => `${t.name} ${t.datatype} [${t.shape.join(',')}]`).join(', ');

/** "inputs x FP32 [-1,8] · outputs y FP32 [-1,2]". */
export function describeSignature(sig: SignatureText): string {
  return `inputs ${tensors(sig.inputs)} · outputs ${tensors(sig.outputs)}`;
}

/** "x FP32 [-1,8] → y FP32 [-1,2]" for an ONNX model's spec; '' for anything else (tables). */
export function signatureArrow(kind: string | null, spec: unknown): string {
  const sig = (spec as { signature?: SignatureText } | null)?.signature;
  return kind === 'onnx' && sig ? `${tensors(sig.inputs)} → ${tensors(sig.outputs)}` : '';
}
