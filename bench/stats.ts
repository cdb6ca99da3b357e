/** Percentiles and a fixed-width line, so every figure prints the same way. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export function summarize(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? Number.NaN,
  };
}

export function line(label: string, value: string, aim?: string): string {
  return `  ${label.padEnd(54)} ${value.padEnd(40)}${aim ? ` aim: ${aim}` : ''}`;
}

export const ms = (n: number, digits = 2) => `${n.toFixed(digits)} ms`;
