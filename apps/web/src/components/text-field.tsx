import type { InputHTMLAttributes, ReactNode } from 'react';

interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange'> {
  label: ReactNode;
  onChange: (value: string) => void;
  /** Below the input, inside the label (e.g. its validation message). */
  hint?: ReactNode;
  /** Takes the free width of a field row. */
  grow?: boolean;
  testId?: string;
}

/** A labelled input; the other props go to the input as they are. */
export function TextField({ label, onChange, hint, grow = false, testId, ...input }: TextFieldProps) {
  return (
    <label className={grow ? 'field grow' : 'field'}>
      <span>{label}</span>
      <input data-testid={testId} {...input} onChange={(e) => onChange(e.target.value)} />
      {hint}
    </label>
  );
}
