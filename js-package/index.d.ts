// Types of fastmath-wasm's JavaScript API (index.js). Every function throws a TypeError naming the
// argument when it is not a number / a numeric array; call `init()` (or `initSync`) first.

/** A vector argument: a Float64Array is read as is; other numeric typed arrays are converted. */
export type Vector = Float64Array | Float32Array | Int32Array | Uint32Array | Int16Array | Uint16Array | Int8Array | Uint8Array | Uint8ClampedArray | number[];

/** What `init` accepts: nothing (the .wasm beside the module, fetched), a URL, a Response, bytes or a compiled module. */
export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

/** Compiles and instantiates the module asynchronously (browsers: required above 8 MB on the main thread). */
export default function init(input?: { module_or_path: InitInput | Promise<InitInput> } | InitInput | Promise<InitInput>): Promise<unknown>;

/** Instantiates synchronously from bytes or a compiled module (node, workers). */
export function initSync(module: { module: BufferSource | WebAssembly.Module } | BufferSource | WebAssembly.Module): unknown;

/** Compensated (Neumaier) sum: `sum([1e16, 1, -1e16]) === 1`. */
export function sum(x: Vector): number;

/** Arithmetic mean; `NaN` for an empty array. */
export function mean(x: Vector): number;

/** Inner product; throws an Error named "ValueError" when the lengths differ. */
export function dot(x: Vector, y: Vector): number;

/** Elementwise square. */
export function square(x: Vector): Float64Array;

/** `a * x[i]` for every element. */
export function scale(a: number, x: Vector): Float64Array;

/** The package version (the same as the Python package's `fastmath.__version__`). */
export function version(): string;

/** `{version, simd128}` of the loaded build. */
export function buildInfo(): { version: string; simd128: boolean };
