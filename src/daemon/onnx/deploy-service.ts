import { createHash } from 'node:crypto';
import { signatureDifference, type Signature } from '../../onnx/index.ts';
import type { WorkerPools } from '../../pool/index.ts';
import type { ModelStore } from '../../store/index.ts';
import { ApiError } from '../errors.ts';
import type { ServiceEventBus } from '../events.ts';
import type { ModelLocks } from '../models/model-locks.ts';
import { checkModelName } from '../models/model-name.ts';
import { kindConflict } from '../models/kind-conflict.ts';
import { workerFailure } from './worker-errors.ts';
import type { OnnxVersion, OnnxVersions } from './onnx-versions.ts';

export interface DeployRequest {
  bytes: Uint8Array;
  metadata: Record<string, unknown>;
  allowSignatureChange: boolean;
}

export interface DeployView extends OnnxVersion {
  kind: 'onnx';
  reused: boolean;
}

const view = (v: OnnxVersion, reused: boolean): DeployView => ({ ...v, kind: 'onnx', reused });

/**
 * Deploys an ONNX file as a new version under the model's write lock, exactly as a fit: infers that
 * arrive meanwhile wait and then run on the new version (or the old one if the deploy fails). The file
 * is loaded by a worker before a version number is taken; a file that fails changes nothing stored.
 */
export class DeployService {
  constructor(
    private readonly store: ModelStore,
    private readonly pools: WorkerPools,
    private readonly events: ServiceEventBus,
    private readonly locks: ModelLocks,
    private readonly versions: OnnxVersions,
    private readonly lockTimeoutMs: number,
  ) {}

  async deploy(name: string, req: DeployRequest): Promise<DeployView> {
    checkModelName(name);
    const hash = createHash('sha256').update(req.bytes).digest('hex');
    const release = await this.locks.acquireOrBusy('write', name, this.lockTimeoutMs);
    try {
      const kind = this.store.modelKind(name);
      if (kind !== undefined && kind !== 'onnx') throw kindConflict(name, kind);
      const current = this.versions.current(name);
      if (current && current.hash === hash) return view(current, true);
      const { signature, loadMs } = await this.validate(req.bytes);
      this.checkSignature(current, signature, req.allowSignatureChange);
      const version = this.store.publishDeployment({
        model: name,
        kind: 'onnx',
        spec: { signature, metadata: req.metadata },
        metrics: { sizeBytes: req.bytes.byteLength },
        bytes: req.bytes,
        hash,
        loadMs,
      });
      const published = this.versions.get(name, version)!;
      this.versions.published(published);
      this.events.emitEvent('version.published', { model: name, version, kind: 'onnx' });
      return view(published, false);
    } finally {
      release();
    }
  }

  private async validate(bytes: Uint8Array): Promise<{ signature: Signature; loadMs: number }> {
    let result;
    try {
      result = await this.pools.validateOnnx({ op: 'onnx-validate', bytes });
    } catch (err) {
      throw workerFailure(err, 'validating the model file');
    }
    if (!result.ok) throw ApiError.field('MODELAPI_ERR_INVALID_MODEL', 'model', result.message);
    return result;
  }

  private checkSignature(current: OnnxVersion | undefined, next: Signature, allowed: boolean): void {
    if (!current || allowed) return;
    const difference = signatureDifference(current.signature, next);
    if (difference) {
      throw ApiError.field(
        'MODELAPI_ERR_SIGNATURE_CHANGED',
        'signature',
        `differs from version ${current.version}'s: ${difference} (deploy with ?allowSignatureChange=true to accept it)`,
      );
    }
  }
}
