/**
 * Web scenario: the built client's JavaScript against the 300 KB (gzipped) budget, and each
 * page's load time in Chromium against a page without client JavaScript in the same run.
 */
import { measureWeb } from './web-measure';
import { compare, type Figure, type Scenario } from './harness';

const BUDGET_BYTES = 300 * 1024;

export const webScenario: Scenario = {
  name: 'Web: bundle size and page loads (Chromium, sample data)',
  async run() {
    const m = await measureWeb();
    const figures: Figure[] = [
      compare('initial JS (gzip)', 'KB', m.initialJsGzipBytes / 1024, {
        name: 'budget',
        value: BUDGET_BYTES / 1024,
      }),
      compare('all JS (gzip)', 'KB', m.totalJsGzipBytes / 1024, {
        name: 'budget for the initial load',
        value: BUDGET_BYTES / 1024,
      }),
    ];
    for (const p of m.pages) {
      figures.push(
        compare(`load ${p.path} until h1`, 'ms', p.ms, {
          name: `${m.baseline.path} (no client JS)`,
          value: m.baseline.ms,
        }),
      );
    }
    return figures;
  },
};
