/**
 * The props that tie an input (a TextField) to its validation message: `aria-invalid`, `aria-describedby` and the
 * message itself under the input. `id` must be unique on the page.
 */
export function fieldErrorProps(id: string, message: string | undefined) {
  const errorId = `${id}-error`;
  return {
    'aria-invalid': Boolean(message),
    'aria-describedby': message ? errorId : undefined,
    hint: message ? (
      <span className="field-error" role="alert" id={errorId}>
        {message}
      </span>
    ) : null,
  };
}
