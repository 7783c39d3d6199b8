import { Type } from '@sinclair/typebox';

/** JSend response envelopes and the model-name parameter, shared by every feature's routes (and the OpenAPI document). */
export const ModelParams = Type.Object({ name: Type.String({ description: 'model name: [A-Za-z0-9_.-]{1,64}' }) });

export function success<T extends ReturnType<typeof Type.Object> | ReturnType<typeof Type.Array>>(data: T) {
  return Type.Object({ status: Type.Literal('success'), data });
}

export const FailResponse = Type.Object({
  status: Type.Literal('fail'),
  code: Type.String(),
  data: Type.Record(Type.String(), Type.String()),
});
export const ErrorResponse = Type.Object({ status: Type.Literal('error'), code: Type.String(), message: Type.String() });
