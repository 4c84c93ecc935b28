import type { SessionStatus } from '@capacity/contracts';

/** completed when nothing failed, failed when nothing succeeded (and something was attempted), else partial. */
export function sessionOutcome(successful: number, failed: number): SessionStatus {
  if (failed === 0) return 'completed';
  if (successful === 0) return 'failed';
  return 'partial';
}
