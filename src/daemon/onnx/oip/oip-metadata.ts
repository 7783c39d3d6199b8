import type { TensorSpec } from '../../../onnx/index.ts';
import type { ModelStore } from '../../../store/index.ts';
import { ApiError } from '../../errors.ts';
import type { OnnxVersions } from '../onnx-versions.ts';

/** GET /v2/models/:name[/versions/:v]: the Open Inference Protocol's model metadata. */
export interface OipModelMetadata {
  name: string;
  versions: string[];
  platform: 'onnx_onnxv1' | 'modelapi_forecast';
  inputs: { name: string; datatype: string; shape: number[] }[];
  outputs: { name: string; datatype: string; shape: number[] }[];
}

const tensor = (t: TensorSpec) => ({ name: t.name, datatype: t.datatype, shape: t.shape });

/** What a forecasting model looks like to V2 clients: its inference stays on /v1 (GET …/forecast?h=). */
const FORECAST_OUTPUTS = [{ name: 'forecast', datatype: 'FP64', shape: [-1] }];

export function oipModelMetadata(store: ModelStore, versions: OnnxVersions, name: string, version?: number): OipModelMetadata {
  const kind = store.modelKind(name);
  const ready = store.listVersions(name).filter((v) => v.state === 'ready');
  if (kind === undefined || ready.length === 0) throw ApiError.field('MODELAPI_ERR_MODEL_NOT_FOUND', 'model', `no model named '${name}' with a ready version`);
  if (version !== undefined && !ready.some((v) => v.version === version)) {
    throw ApiError.field('MODELAPI_ERR_VERSION_NOT_FOUND', 'version', `model '${name}' has no ready version ${version}`);
  }
  const listed = ready.map((v) => String(v.version));
  if (kind !== 'onnx') return { name, versions: listed, platform: 'modelapi_forecast', inputs: [], outputs: FORECAST_OUTPUTS };
  const v = version === undefined ? versions.current(name)! : versions.get(name, version)!;
  return { name, versions: listed, platform: 'onnx_onnxv1', inputs: v.signature.inputs.map(tensor), outputs: v.signature.outputs.map(tensor) };
}
