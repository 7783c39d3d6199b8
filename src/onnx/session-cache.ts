import type { InferenceSession, Tensor } from 'onnxruntime-node';
import type { InputTensor } from './infer-request.ts';
import { SERVED_TYPES, oipDatatype, type TypedArray } from './datatypes.ts';
import { signatureOf, type Signature } from './signature.ts';

// onnxruntime-node is imported on first use, and only here: this module runs in worker threads only, so
// the daemon's main thread and the CLI never load the native library.
type Ort = typeof import('onnxruntime-node');
let ortModule: Promise<Ort> | undefined;
const ort = () => (ortModule ??= import('onnxruntime-node'));

/**
 * One thread per session: onnxruntime's default thread pools spin and fight the other workers for the
 * cores (measured: 6.4k rows/s and a 4 ms p99 at batch 1, against 14k rows/s and 0.1 ms with one thread);
 * throughput scales by adding workers instead.
 */
const SESSION_OPTIONS: InferenceSession.SessionOptions = { intraOpNumThreads: 1, interOpNumThreads: 1 };

export async function createSession(bytes: Uint8Array): Promise<InferenceSession> {
  return (await ort()).InferenceSession.create(bytes, SESSION_OPTIONS);
}

/** Loads a model file and returns its signature; throws onnxruntime's reason when it cannot be loaded. */
export async function inspectModel(bytes: Uint8Array): Promise<Signature> {
  const session = await createSession(bytes);
  try {
    return signatureOf(session.inputMetadata, session.outputMetadata);
  } finally {
    await session.release();
  }
}

const SERVED_ORT: Record<string, Tensor.Type> = Object.fromEntries(
  Object.entries(SERVED_TYPES).map(([oip, t]) => [oip, t.ort as Tensor.Type]),
);

export interface OutputTensor {
  name: string;
  datatype: string;
  shape: number[];
  data: TypedArray;
}

interface Entry {
  model: string;
  version: number;
  session: Promise<InferenceSession>;
  inFlight: number;
}

/**
 * The sessions of one worker, one per (model, version), created on first use. A session is released as
 * soon as its version is no longer the model's current one and no run of it is in flight (sessions hold
 * native memory the GC does not see), and the least recently used idle ones go beyond `capacity`.
 */
export class SessionCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly capacity: number,
    private readonly readModel: (model: string, version: number) => Uint8Array,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  async run(model: string, version: number, current: number, inputs: InputTensor[], outputs: string[]): Promise<OutputTensor[]> {
    const entry = this.acquire(model, version);
    try {
      const session = await entry.session;
      const { Tensor } = await ort();
      const feeds: Record<string, Tensor> = {};
      for (const t of inputs) feeds[t.name] = new Tensor(SERVED_ORT[t.datatype]!, t.data as never, t.shape);
      const result = await session.run(feeds, outputs);
      return outputs.map((name) => {
        const t = result[name]!;
        return { name, datatype: oipDatatype(t.type), shape: t.dims.map(Number), data: t.data as TypedArray };
      });
    } finally {
      entry.inFlight--;
      await this.sweep(model, current);
    }
  }

  private acquire(model: string, version: number): Entry {
    const key = `${model}@${version}`;
    let entry = this.entries.get(key);
    if (entry) {
      this.entries.delete(key); // re-inserted below: the map's order is the LRU order
    } else {
      const session = createSession(this.readModel(model, version));
      entry = { model, version, session, inFlight: 0 };
      session.catch(() => this.entries.get(key) === entry && this.entries.delete(key));
    }
    this.entries.set(key, entry);
    entry.inFlight++;
    return entry;
  }

  /** Releases the model's sessions for versions other than `current`, and idle ones over capacity. */
  private async sweep(model: string, current: number): Promise<void> {
    let excess = this.entries.size - this.capacity;
    for (const [key, e] of this.entries) {
      if (e.inFlight > 0) continue;
      const stale = e.model === model && e.version !== current;
      if (!stale && excess <= 0) continue;
      this.entries.delete(key);
      excess--;
      await e.session.then((s) => s.release(), () => {});
    }
  }

  async close(): Promise<void> {
    const all = [...this.entries.values()];
    this.entries.clear();
    await Promise.all(all.map((e) => e.session.then((s) => s.release(), () => {})));
  }
}

