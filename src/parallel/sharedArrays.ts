/**
 * Large typed arrays posted to every worker of a pool are copied once into
 * SharedArrayBuffers instead of being serialized once per worker: postMessage
 * shares such a buffer rather than cloning it. On the paper's 101×101 host
 * (12.6 MB of matrix) serializing took this thread 10–30 ms per worker, on
 * the path of the first worker's start. The workers must treat the shared
 * arrays as read-only (the Green's-function solvers copy what they change).
 */

/** Arrays at least this large are shared; smaller ones are cheaper to clone than to copy and map. */
const SHARE_BYTES = 1 << 20;

type TypedArray = Int8Array | Uint8Array | Uint8ClampedArray | Int16Array | Uint16Array | Int32Array | Uint32Array | Float32Array | Float64Array | BigInt64Array | BigUint64Array;

/** A copy of `x` in a SharedArrayBuffer (same element type). */
function sharedCopy<T extends TypedArray>(x: T): T {
  const ctor = x.constructor as new (buffer: SharedArrayBuffer) => T;
  const copy = new ctor(new SharedArrayBuffer(x.byteLength));
  (copy as unknown as { set(a: T): void }).set(x);
  return copy;
}

/**
 * `value` with every typed array of at least 1 MB in plain objects and
 * arrays replaced by a copy in shared memory; everything else is the same
 * value (structure copied, leaves reused). Already shared arrays stay.
 */
export function withSharedArrays<T>(value: T): T {
  if (ArrayBuffer.isView(value)) {
    const x = value as unknown as TypedArray;
    return (x.byteLength >= SHARE_BYTES && !(x.buffer instanceof SharedArrayBuffer) && !(x instanceof DataView) ? sharedCopy(x) : value) as T;
  }
  if (Array.isArray(value)) return value.map((v) => withSharedArrays(v)) as T;
  if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    // defineProperty: a key named __proto__ stays a key.
    for (const [k, v] of Object.entries(value)) Object.defineProperty(out, k, { value: withSharedArrays(v), enumerable: true, writable: true, configurable: true });
    return out as T;
  }
  return value;
}
