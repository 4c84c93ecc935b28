import { CollectionTimeoutError } from './classify-connection-error';

export interface TimeoutSignal {
  signal: AbortSignal;
  /** Stops the timer once the work is done. */
  clear(): void;
}

/** A signal that aborts with a CollectionTimeoutError after `ms` (the destroy path of a hung socket). */
export function timeoutSignal(ms: number): TimeoutSignal {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new CollectionTimeoutError(ms)), ms);
  timer.unref?.();
  return { signal: controller.signal, clear: () => clearTimeout(timer) };
}
