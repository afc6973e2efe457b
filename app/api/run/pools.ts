/**
 * The route's two worker pools, one of each per process: configs are checked in the validation pool
 * (decision 0012), runs execute in the run pool (decision 0040). Each is rebuilt if its settings change
 * (tests change the environment).
 */
import { RunPool } from "./run-pool";
import type { ServerSettings } from "./settings";
import { ValidationPool } from "./validation-pool";

let validation: { key: string; pool: ValidationPool } | null = null;
let runs: { key: string; pool: RunPool } | null = null;

export function validationPool(settings: ServerSettings): ValidationPool {
  const key = JSON.stringify(settings.validation);
  if (validation?.key !== key) {
    void validation?.pool.close();
    validation = { key, pool: new ValidationPool(settings.validation) };
  }
  return validation.pool;
}

export function runPool(settings: ServerSettings): RunPool {
  const key = String(settings.runWorkers);
  if (runs?.key !== key) {
    void runs?.pool.close();
    runs = { key, pool: new RunPool({ workers: settings.runWorkers }) };
  }
  return runs.pool;
}
