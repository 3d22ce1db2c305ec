/**
 * `npm run bench [-- name-filter]`: runs every scenario, prints each figure beside its
 * baseline, and writes bench/results/latest.json.
 */
import { apiScenario } from './api';
import { hostileScenario } from './hostile';
import { importScenario } from './import';
import { reimportScenario } from './reimport';
import { renderScenario } from './render';
import { reportViewsScenario } from './report-views';
import { runScenarios } from './harness';
import { webScenario } from './web';

await runScenarios(
  [
    importScenario,
    hostileScenario,
    apiScenario,
    reimportScenario,
    renderScenario,
    reportViewsScenario,
    webScenario,
  ],
  process.argv[2],
);
