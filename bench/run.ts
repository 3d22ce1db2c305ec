/**
 * `npm run bench [-- name-filter]`: runs every scenario, prints each figure beside its
 * baseline, and writes bench/results/latest.json. `npm run bench -- scale [--size small|national]`
 * runs only the national-scale bench on PostgreSQL (bench/scale.ts), which is never part of
 * the full run.
 */
import { apiScenario } from './api';
import { hostileScenario } from './hostile';
import { importScenario } from './import';
import { reimportScenario } from './reimport';
import { renderScenario } from './render';
import { reportViewsScenario } from './report-views';
import { runScenarios } from './harness';
import { scaleScenario } from './scale';
import { webScenario } from './web';

const filter = process.argv[2];
await runScenarios(
  filter === 'scale'
    ? [scaleScenario]
    : [
        importScenario,
        hostileScenario,
        apiScenario,
        reimportScenario,
        renderScenario,
        reportViewsScenario,
        webScenario,
      ],
  filter === 'scale' ? undefined : filter,
);
