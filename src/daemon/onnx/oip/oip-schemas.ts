import { Type } from '@sinclair/typebox';

/** The Open Inference Protocol's infer request (the JSON header, when binary tensors follow). */
export const OipInferRequest = Type.Object({
  id: Type.Optional(Type.String()),
  parameters: Type.Optional(Type.Object({ binary_data_output: Type.Optional(Type.Boolean()) }, { additionalProperties: true })),
  inputs: Type.Array(
    Type.Object({
      name: Type.String(),
      shape: Type.Array(Type.Integer({ minimum: 0 })),
      datatype: Type.String(),
      parameters: Type.Optional(Type.Object({ binary_data_size: Type.Optional(Type.Integer({ minimum: 0 })) }, { additionalProperties: true })),
      data: Type.Optional(Type.Unknown()),
    }),
    { minItems: 1 },
  ),
  outputs: Type.Optional(
    Type.Array(
      Type.Object({
        name: Type.String(),
        parameters: Type.Optional(Type.Object({ binary_data: Type.Optional(Type.Boolean()) }, { additionalProperties: true })),
      }),
    ),
  ),
});

export const OipModelParams = Type.Object({ name: Type.String() });
export const OipVersionParams = Type.Object({ name: Type.String(), version: Type.String() });
export const OipError = Type.Object({ error: Type.String() });

const OipTensorMetadata = Type.Object({ name: Type.String(), datatype: Type.String(), shape: Type.Array(Type.Integer()) });
export const OipModelMetadataSchema = Type.Object({
  name: Type.String(),
  versions: Type.Array(Type.String()),
  platform: Type.String({ description: 'onnx_onnxv1, or modelapi_forecast for forecasting models (inference on /v1)' }),
  inputs: Type.Array(OipTensorMetadata),
  outputs: Type.Array(OipTensorMetadata),
});
export const OipReady = Type.Object({ name: Type.String(), ready: Type.Boolean() });
