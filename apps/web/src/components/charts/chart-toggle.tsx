export interface ToggleOption<T extends string | number> {
  value: T;
  label: string;
}

/** A labelled row of buttons choosing one of a few chart options (mode, kind, top N). */
export function ChartToggle<T extends string | number>({
  label,
  value,
  options,
  onChange,
  testId,
}: {
  label: string;
  value: T;
  options: readonly ToggleOption<T>[];
  onChange: (value: T) => void;
  testId?: string;
}) {
  return (
    <div className="field">
      <span>{label}</span>
      <div className="segmented" role="group" aria-label={label} data-testid={testId}>
        {options.map((option) => (
          <button
            key={option.value}
            type="button"
            className={`btn btn-small${value === option.value ? ' active' : ''}`}
            aria-pressed={value === option.value}
            onClick={() => onChange(option.value)}
          >
            {option.label}
          </button>
        ))}
      </div>
    </div>
  );
}
