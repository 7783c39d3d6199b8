import type { Signature } from '../../onnx/index.ts';
import type { ModelStore, VersionSummary } from '../../store/index.ts';

/** A ready ONNX version as the registry shows it and inference needs it. */
export interface OnnxVersion {
  model: string;
  version: number;
  signature: Signature;
  metadata: Record<string, unknown>;
  sizeBytes: number;
  hash: string;
  loadMs: number | null;
  createdAt: string;
}

export function onnxVersion(v: VersionSummary): OnnxVersion {
  const spec = v.spec as { signature: Signature; metadata?: Record<string, unknown> };
  return {
    model: v.model,
    version: v.version,
    signature: spec.signature,
    metadata: spec.metadata ?? {},
    sizeBytes: Number((v.metrics ?? {}).sizeBytes ?? 0),
    hash: v.hash,
    loadMs: v.fitMs,
    createdAt: v.createdAt,
  };
}

/**
 * The ONNX models' versions. The current one of each model is kept here and replaced on deploy (this
 * process is the only writer), so an infer does not read SQLite; other versions are read on demand.
 */
export class OnnxVersions {
  private readonly currents = new Map<string, OnnxVersion>();

  constructor(private readonly store: ModelStore) {}

  current(name: string): OnnxVersion | undefined {
    const known = this.currents.get(name);
    if (known) return known;
    const summary = this.store.currentSummary(name);
    if (summary?.kind !== 'onnx') return undefined;
    const v = onnxVersion(summary);
    this.currents.set(name, v);
    return v;
  }

  /** A ready ONNX version by number; undefined when there is none. */
  get(name: string, version: number): OnnxVersion | undefined {
    const current = this.current(name);
    if (current?.version === version) return current;
    const summary = this.store.getVersionSummary(name, version);
    return summary && summary.kind === 'onnx' && summary.state === 'ready' ? onnxVersion(summary) : undefined;
  }

  /** Numbers of the model's ready versions, oldest first. */
  readyVersions(name: string): number[] {
    return this.store.listVersions(name).filter((v) => v.state === 'ready').map((v) => v.version);
  }

  published(v: OnnxVersion): void {
    this.currents.set(v.model, v);
  }

  /** A deleted model: nothing of it stays in memory. */
  forget(name: string): void {
    this.currents.delete(name);
  }
}
