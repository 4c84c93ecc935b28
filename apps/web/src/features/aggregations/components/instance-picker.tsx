import { useDeferredValue, useId, useState, type KeyboardEvent } from 'react';
import { useFormat } from '../../../components/use-format';
import { useI18n } from '../../../i18n';
import type { InstanceResponse } from '../../../lib/api-types';
import { INSTANCE_OPTIONS_PER_PAGE, useInstanceOptions } from '../api/instance-options';

interface Option {
  id: number | undefined;
  label: string;
}

interface InstancePickerProps {
  /** The chosen instance id, undefined for "all instances". */
  value: number | undefined;
  /** The chosen instance as the API returned it (undefined while it loads or without one). */
  chosen: InstanceResponse | undefined;
  onChange: (id: number | undefined) => void;
}

/**
 * A combobox over the whole fleet: typing searches the API (name or host, a page of matches), so an instance past
 * the first page of thousands is one search away; the chosen one shows its name whether or not it is listed.
 */
export function InstancePicker({ value, chosen, onChange }: InstancePickerProps) {
  const { t } = useI18n();
  const fmt = useFormat();
  const listId = useId();
  // null: not typing, the input shows the chosen instance.
  const [text, setText] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const search = useDeferredValue((text ?? '').trim());
  const results = useInstanceOptions(search, open);

  const options: Option[] = [
    { id: undefined, label: t('agg.allInstances') },
    ...(results.data?.data ?? []).map((instance) => ({ id: instance.id, label: instance.name })),
  ];
  const chosenLabel = value === undefined ? '' : (chosen?.name ?? `#${value}`);
  const total = results.data?.pagination.total ?? 0;

  const close = () => {
    setOpen(false);
    setText(null);
  };
  const pick = (option: Option) => {
    close();
    if (option.id !== value) onChange(option.id);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!open) return setOpen(true);
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((current) => (current + step + options.length) % options.length);
    } else if (event.key === 'Enter' && open) {
      event.preventDefault();
      const option = options[active];
      if (option) pick(option);
    } else if (event.key === 'Escape' && open) {
      event.preventDefault();
      close();
    }
  };

  return (
    <div className="field combobox">
      <label htmlFor={`${listId}-input`}>{t('agg.instance')}</label>
      <input
        id={`${listId}-input`}
        type="search"
        name="instance"
        role="combobox"
        autoComplete="off"
        data-testid="instance-picker"
        aria-expanded={open}
        aria-controls={open ? listId : undefined}
        aria-autocomplete="list"
        aria-activedescendant={open ? `${listId}-${active}` : undefined}
        placeholder={t('agg.allInstances')}
        value={text ?? chosenLabel}
        onFocus={() => setOpen(true)}
        onClick={() => setOpen(true)}
        onBlur={close}
        onChange={(event) => {
          setText(event.target.value);
          setActive(0);
          setOpen(true);
        }}
        onKeyDown={onKeyDown}
      />
      {open ? (
        <div className="combobox-popup">
          <ul className="combobox-list" role="listbox" id={listId} aria-label={t('agg.instance')}>
            {options.map((option, index) => (
              <li
                key={option.id ?? 'all'}
                id={`${listId}-${index}`}
                role="option"
                aria-selected={option.id === value}
                className={index === active ? 'active' : undefined}
                // Before the input's blur closes the list.
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => pick(option)}
              >
                {option.label}
              </li>
            ))}
          </ul>
          {results.isSuccess && total === 0 ? <p className="muted">{t('agg.instanceNone')}</p> : null}
          {total > INSTANCE_OPTIONS_PER_PAGE ? (
            <p className="muted" data-testid="instance-picker-more">
              {t('agg.instanceMore', { shown: fmt.number(INSTANCE_OPTIONS_PER_PAGE), total: fmt.number(total) })}
            </p>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
