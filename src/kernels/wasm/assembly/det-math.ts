// Transcendental functions with the same bits in every engine: AssemblyScript's own Math (a port of
// musl's libm, compiled into this module) built only from WebAssembly's IEEE float64 operations,
// which never fuse or reorder. JavaScript engines' Math.log, Math.sin, ... are free to differ in
// the last bit, and do (Node 20 and Chromium 156 disagree on 3-9 % of inputs), so whatever must be
// reproducible in Node and in the browser calls these (host: src/util/det-math.ts).

export function detLog(x: f64): f64 {
  return Math.log(x);
}

export function detExp(x: f64): f64 {
  return Math.exp(x);
}

export function detSin(x: f64): f64 {
  return Math.sin(x);
}

export function detCos(x: f64): f64 {
  return Math.cos(x);
}

export function detTan(x: f64): f64 {
  return Math.tan(x);
}

export function detPow(x: f64, y: f64): f64 {
  return Math.pow(x, y);
}

export function detHypot(x: f64, y: f64): f64 {
  return Math.hypot(x, y);
}
