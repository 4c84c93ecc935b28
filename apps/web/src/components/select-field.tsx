export interface SelectOption<T extends string> {
  value: T;
  label: string;
}

interface SelectFieldProps<T extends string> {
  label: string;
  name: string;
  value: T | '';
  options: readonly SelectOption<T>[];
  onChange: (value: T | '') => void;
  /** The first entry, with the value '' (e.g. "All"); left out when absent. */
  allLabel?: string;
  testId?: string;
}

/** A labelled filter select over a fixed list of values. */
export function SelectField<T extends string>({ label, name, value, options, onChange, allLabel, testId }: SelectFieldProps<T>) {
  return (
    <label className="field">
      <span>{label}</span>
      {/* The select only offers the values of `options` (and '' with allLabel). */}
      <select data-testid={testId} name={name} value={value} onChange={(e) => onChange(e.target.value as T | '')}>
        {allLabel === undefined ? null : <option value="">{allLabel}</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}
