/**
 * Benchmark harness: each scenario measures a figure and the baseline it is compared with in
 * the same run, so results read as ratios that do not depend on the machine.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

export interface Figure {
  name: string;
  /** What was measured, e.g. "ms per request". */
  unit: string;
  value: number;
  baseline?: { name: string; value: number };
  /** value / baseline.value */
  ratio?: number;
  extra?: Record<string, number | string>;
}

export interface Scenario {
  name: string;
  run(): Promise<Figure[]>;
}

/** Median of `n` timed runs of fn (after `warmup` untimed runs), in milliseconds. */
export async function timeMedian(fn: () => Promise<unknown>, n = 20, warmup = 3): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

export function compare(
  name: string,
  unit: string,
  value: number,
  baseline: { name: string; value: number },
  extra?: Figure['extra'],
): Figure {
  return { name, unit, value, baseline, ratio: value / baseline.value, extra };
}

export async function runScenarios(scenarios: Scenario[], only?: string): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const s of scenarios) {
    if (only && !s.name.includes(only)) continue;
    console.log(`\n## ${s.name}`);
    for (const f of await s.run()) {
      figures.push(f);
      const base = f.baseline
        ? `  (baseline ${f.baseline.name}: ${f.baseline.value.toFixed(2)}; ratio ${f.ratio!.toFixed(2)}×)`
        : '';
      const extra = f.extra
        ? `  ${Object.entries(f.extra)
            .map(([k, v]) => `${k}=${v}`)
            .join(' ')}`
        : '';
      console.log(`${f.name}: ${f.value.toFixed(2)} ${f.unit}${base}${extra}`);
    }
  }
  const dir = resolve(import.meta.dirname, 'results');
  mkdirSync(dir, { recursive: true });
  const out = resolve(dir, 'latest.json');
  writeFileSync(
    out,
    JSON.stringify({ at: new Date().toISOString(), node: process.version, figures }, null, 2),
  );
  console.log(`\nwrote ${out}`);
  return figures;
}
