import { Type } from '@sinclair/typebox';
import { nullable } from '../http/schema-types.ts';

const Tensor = Type.Object({
  name: Type.String(),
  datatype: Type.String({ description: 'OIP datatype: FP32, INT64, BOOL, …' }),
  shape: Type.Array(Type.Integer(), { description: '-1 for a dynamic dimension' }),
  dimNames: Type.Array(nullable(Type.String()), { description: 'symbolic name of each dynamic dimension' }),
});

export const Signature = Type.Object({ inputs: Type.Array(Tensor), outputs: Type.Array(Tensor) });

export const DeployData = Type.Object({
  model: Type.String(),
  version: Type.Integer(),
  kind: Type.Literal('onnx'),
  reused: Type.Boolean({ description: 'true: the same file as the current version; nothing was deployed' }),
  signature: Signature,
  metadata: Type.Record(Type.String(), Type.Unknown()),
  sizeBytes: Type.Integer(),
  hash: Type.String({ description: 'sha256 of the file' }),
  loadMs: nullable(Type.Number({ description: 'time the worker took to load and check the file' })),
  createdAt: Type.String(),
});
