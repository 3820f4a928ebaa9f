// Summaries of repeated measurements: the median with its spread, and percentiles.

/** The value at fraction `p` (0..1) of the sorted samples, by linear interpolation. */
export function percentile(samples, p) {
  const sorted = [...samples].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const at = (sorted.length - 1) * p;
  const low = Math.floor(at);
  const high = Math.ceil(at);
  return sorted[low] + (sorted[high] - sorted[low]) * (at - low);
}

/** `{median, min, max, p95, n, samples}` of a list of numbers. */
export function summarize(samples) {
  return {
    median: percentile(samples, 0.5),
    min: Math.min(...samples),
    max: Math.max(...samples),
    p95: percentile(samples, 0.95),
    n: samples.length,
    samples,
  };
}
