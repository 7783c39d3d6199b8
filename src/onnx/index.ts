// The pure half of src/onnx: no onnxruntime here, so the daemon and the CLI may import it.
export { SERVED_TYPES, REFUSED_TYPES, isServed, oipDatatype, type ServedDatatype, type TypedArray } from './datatypes.ts';
export { signatureOf, signatureDifference, describeTensor, UnservableModelError } from './signature.ts';
export type { Signature, TensorSpec, OrtValueMetadata } from './signature.ts';
export { InferInputError, decodeJsonData, decodeBinaryData, encodeJsonData, tensorBytes, elementCount, flattenData } from './tensors.ts';
export { checkInputs, checkOutputs } from './infer-request.ts';
export type { OipRequest, OipInput, OipOutputRequest, InputTensor } from './infer-request.ts';
// The session cache (src/onnx/session-cache.ts) is imported by the pool's worker module only: it loads onnxruntime.
