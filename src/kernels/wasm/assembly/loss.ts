// Loss and penalty kernels. These touch few numbers (B x C logits, the sparse-projection weights), so
// they run in scalar float64 in the reference's exact operation order: results match it to the last bit
// except where AssemblyScript's exp/log differ from V8's by an ulp of float64.

// probs, logits: rows x cols; labels: rows int32 (hasLabels); dLogits: rows x cols (hasDLogits).
// Returns -sum_i log p[i][y_i] (0 without labels). Subtracts the row maximum before exp so large
// logits do not overflow; -log p_y comes from the log-sum-exp, exact even when p_y underflows.
export function softmaxCrossEntropy(probs: usize, logits: usize, rows: i32, cols: i32,
  labels: usize, hasLabels: i32, dLogits: usize, hasDLogits: i32, scale: f64): f64 {
  let loss: f64 = 0;
  for (let i = 0; i < rows; i++) {
    const lo = logits + ((<usize>i * <usize>cols) << 2);
    const po = probs + ((<usize>i * <usize>cols) << 2);
    let max = -Infinity;
    for (let j = 0; j < cols; j++) max = Math.max(max, <f64>load<f32>(lo + (<usize>j << 2)));
    let z: f64 = 0;
    for (let j = 0; j < cols; j++) z += Math.exp(<f64>load<f32>(lo + (<usize>j << 2)) - max);
    const logZ = Math.log(z) + max;
    for (let j = 0; j < cols; j++) store<f32>(po + (<usize>j << 2), <f32>Math.exp(<f64>load<f32>(lo + (<usize>j << 2)) - logZ));
    if (hasLabels) {
      const y = load<i32>(labels + (<usize>i << 2));
      loss += logZ - <f64>load<f32>(lo + (<usize>y << 2));
      if (hasDLogits) {
        const go = dLogits + ((<usize>i * <usize>cols) << 2);
        for (let j = 0; j < cols; j++) {
          const pj = <f64>load<f32>(po + (<usize>j << 2));
          store<f32>(go + (<usize>j << 2), <f32>(scale * (pj - (j == y ? 1.0 : 0.0))));
        }
      }
    }
  }
  return loss;
}

// sign with sign(±0) = ±0 and sign(NaN) = NaN, as Math.sign.
@inline
function sign(x: f64): f64 {
  return x > 0 ? 1.0 : x < 0 ? -1.0 : x;
}

// grad, w: n.  Returns lambda sum |w|; grad += lambda sign(w).
export function l1Penalty(grad: usize, w: usize, n: i32, lambda: f64): f64 {
  let sum: f64 = 0;
  for (let i = 0; i < n; i++) {
    const at = <usize>i << 2;
    const x = <f64>load<f32>(w + at);
    sum += Math.abs(x);
    store<f32>(grad + at, <f32>(<f64>load<f32>(grad + at) + lambda * sign(x)));
  }
  return lambda * sum;
}

// grad, w: n.  Returns lambda sum w^2; grad += 2 lambda w.
export function l2Penalty(grad: usize, w: usize, n: i32, lambda: f64): f64 {
  let sum: f64 = 0;
  for (let i = 0; i < n; i++) {
    const at = <usize>i << 2;
    const x = <f64>load<f32>(w + at);
    sum += x * x;
    store<f32>(grad + at, <f32>(<f64>load<f32>(grad + at) + 2 * lambda * x));
  }
  return lambda * sum;
}
