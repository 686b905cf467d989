// fastmath-wasm for JavaScript: the idiomatic API over the wasm-bindgen module, with its arguments
// checked here. The generated glue converts whatever it is given (a string becomes NaNs, an
// object an empty array), so a wrong argument would come back as a plausible number; here it is
// a TypeError naming the function and the argument instead.
import init, * as raw from "./fastmath_wasm.js";

export { initSync } from "./fastmath_wasm.js";
export default init;

const TYPED = [Float32Array, Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array];

function describe(value) {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return value.constructor?.name ?? "an object";
  return typeof value;
}

/** `x` as the module takes it: a Float64Array as is, another numeric typed array converted, an
 * array of numbers checked element by element. */
function vector(fn, name, x) {
  if (x instanceof Float64Array) return x;
  if (TYPED.some((T) => x instanceof T)) return Float64Array.from(x);
  if (Array.isArray(x)) {
    for (let i = 0; i < x.length; i++) {
      if (typeof x[i] !== "number") {
        throw new TypeError(`${fn}(): ${name}[${i}] must be a number, not ${describe(x[i])}`);
      }
    }
    return x;
  }
  throw new TypeError(`${fn}(): ${name} must be a Float64Array or an array of numbers, not ${describe(x)}`);
}

function number(fn, name, a) {
  if (typeof a !== "number") throw new TypeError(`${fn}(): ${name} must be a number, not ${describe(a)}`);
  return a;
}

export function sum(x) {
  return raw.sum(vector("sum", "x", x));
}

export function mean(x) {
  return raw.mean(vector("mean", "x", x));
}

export function dot(x, y) {
  return raw.dot(vector("dot", "x", x), vector("dot", "y", y));
}

export function square(x) {
  return raw.square(vector("square", "x", x));
}

export function scale(a, x) {
  return raw.scale(number("scale", "a", a), vector("scale", "x", x));
}

export function version() {
  return raw.version();
}

export function buildInfo() {
  return raw.buildInfo();
}
