import { DB_TYPES, type DbType } from '@capacity/contracts';
import { useI18n } from '../i18n';
import { SelectField } from './select-field';

/** A filter on the database engine, "All" first. */
export function EngineSelect({ label, name, value, onChange }: { label: string; name: string; value: DbType | ''; onChange: (value: DbType | '') => void }) {
  const { t } = useI18n();
  return (
    <SelectField
      label={label}
      name={name}
      value={value}
      allLabel={t('common.all')}
      options={DB_TYPES.map((type) => ({ value: type, label: t(`engine.${type}`) }))}
      onChange={onChange}
    />
  );
}
