import { INSTANCE_STATUS_FILTERS } from '@capacity/contracts';
import { EngineSelect } from '../../../components/engine-select';
import { SelectField } from '../../../components/select-field';
import { TextField } from '../../../components/text-field';
import { useI18n } from '../../../i18n';
import type { InstancesFilterField, InstancesView } from '../api/instances-view';

/** The filters of the instances list, each bound to its URL field. */
export function InstancesFilters({ view, onChange }: { view: InstancesView; onChange: (field: InstancesFilterField, value: string) => void }) {
  const { t } = useI18n();
  return (
    <div className="filters">
      <TextField label={t('instances.filterSearch')} type="search" name="search" testId="filter-search" value={view.search} onChange={(value) => onChange('search', value)} />
      <EngineSelect label={t('instances.filterEngine')} name="engine" value={view.db_type} onChange={(value) => onChange('db_type', value)} />
      <SelectField
        label={t('instances.filterStatus')}
        name="status"
        testId="filter-status"
        value={view.status}
        allLabel={t('common.all')}
        options={INSTANCE_STATUS_FILTERS.map((status) => ({ value: status, label: status === 'never' ? t('instances.statusNever') : t(`status.${status}`) }))}
        onChange={(value) => onChange('status', value)}
      />
      <TextField label={t('instances.filterTag')} name="tag" testId="filter-tag" value={view.tag} onChange={(value) => onChange('tag', value)} />
      <TextField label={t('instances.filterZone')} name="zone" testId="filter-zone" value={view.zone} onChange={(value) => onChange('zone', value)} />
      <SelectField
        label={t('instances.filterActive')}
        name="active"
        testId="filter-active"
        value={view.active}
        allLabel={t('common.all')}
        options={[
          { value: 'true', label: t('common.yes') },
          { value: 'false', label: t('common.no') },
        ]}
        onChange={(value) => onChange('active', value)}
      />
    </div>
  );
}
