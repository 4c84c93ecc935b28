import { fieldErrorProps } from './field-error';
import { TextField } from './text-field';

interface PasswordFieldProps {
  label: string;
  testId: string;
  autoComplete: 'current-password' | 'new-password';
  value: string;
  onChange: (value: string) => void;
  /** Unique on the page: ties the input to its message (see fieldErrorProps). */
  errorId: string;
  error: string | undefined;
  name?: string;
  maxLength?: number;
}

/** A labelled password input with its validation message under it. */
export function PasswordField({ errorId, error, ...input }: PasswordFieldProps) {
  return <TextField type="password" {...input} {...fieldErrorProps(errorId, error)} />;
}
