/**
 * `npm run bench [-- name-filter]`: runs every scenario, prints each figure beside its
 * baseline, and writes bench/results/latest.json.
 */
import { apiScenario } from './api';
import { runScenarios } from './harness';

await runScenarios([apiScenario], process.argv[2]);
