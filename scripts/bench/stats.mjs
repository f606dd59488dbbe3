// Small statistics helpers for the benchmark (pure).

/** Median of a list of numbers (mean of the middle two for an even count). */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** 95th percentile by nearest rank. */
export function p95(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)];
}

/** Median, p95, min and max of a sample, rounded to 0.1 (ms, MB, ...). */
export function summarize(values) {
  const r = (x) => Math.round(x * 10) / 10;
  return {
    median: r(median(values)),
    p95: r(p95(values)),
    min: r(Math.min(...values)),
    max: r(Math.max(...values)),
    n: values.length,
  };
}

/** a / b rounded to two decimals. */
export function ratio(a, b) {
  return Math.round((a / b) * 100) / 100;
}
