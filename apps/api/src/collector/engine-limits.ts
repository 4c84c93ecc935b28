import { errorMessage } from '../common/error-message';
import type { EngineLimits } from './collector.types';

/** Reads the engine's limits where a failure must not fail the instance: the error becomes a warning, no limit is stored. */
export async function limitsOrWarn(warnings: string[], read: () => Promise<EngineLimits>): Promise<EngineLimits | undefined> {
  try {
    return await read();
  } catch (error) {
    warnings.push(`engine-reported limits not collected: ${errorMessage(error)}`);
    return undefined;
  }
}

/** The sum of the values, or null as soon as one is unknown (an unknown limit is not a smaller one). */
export function sumOrNull(values: readonly (number | null)[]): number | null {
  let total = 0;
  for (const value of values) {
    if (value === null) return null;
    total += value;
  }
  return total;
}
