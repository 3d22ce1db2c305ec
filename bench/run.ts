/**
 * `npm run bench [-- name-filter]`: runs every scenario, prints each figure beside its
 * baseline, and writes bench/results/latest.json.
 */
import { apiScenario } from './api';
import { importScenario } from './import';
import { runScenarios } from './harness';

await runScenarios([importScenario, apiScenario], process.argv[2]);
