import { CAPACITY_LEVELS, DEFAULT_CAPACITY_SORT } from '@capacity/contracts';
import { Link } from 'react-router-dom';
import { CapacityCells } from '../../../components/capacity/capacity-figures';
import { ChartToggle } from '../../../components/charts/chart-toggle';
import { DataTable } from '../../../components/data-table';
import { DownloadCsvButton } from '../../../components/download-csv-button';
import { PaginationBar } from '../../../components/pagination-bar';
import { QueryView } from '../../../components/states';
import { useFormat } from '../../../components/use-format';
import { useI18n } from '../../../i18n';
import type { CapacityItemResponse } from '../../../lib/api-types';
import { downloadFleetCapacityCsv, useFleetCapacity, type FleetFilter } from '../api/fleet';
import type { FleetView } from './fleet-view';

export const FILLS_FIRST_PER_PAGE = 20;

function FillsFirstRow({ item, withDatabase }: { item: CapacityItemResponse; withDatabase: boolean }) {
  const { t } = useI18n();
  const key = `${item.instance.id}${item.database_name === null ? '' : `/${item.database_name}`}`;
  return (
    <tr data-testid={`fills-first-row-${key}`}>
      <td>
        <Link to={`/instances/${item.instance.id}`}>{item.instance.name}</Link>
      </td>
      {withDatabase ? <td>{item.database_name}</td> : null}
      <td>{t(`engine.${item.instance.db_type}`)}</td>
      <CapacityCells item={item} daysTestId="fills-first-days" />
    </tr>
  );
}

/** Which fills first: the fleet's databases or instances by days until their limit, a page at a time. */
export function FillsFirstSection({ view, filter, onChange }: { view: FleetView; filter: FleetFilter; onChange: (patch: Partial<FleetView>) => void }) {
  const { t } = useI18n();
  const fmt = useFormat();
  const wanted = { db_type: filter.db_type, tag: filter.tag, level: view.capacityLevel, sort: DEFAULT_CAPACITY_SORT };
  const capacity = useFleetCapacity({ ...wanted, page: view.capacityPage, per_page: FILLS_FIRST_PER_PAGE });
  const withDatabase = view.capacityLevel === 'database';

  return (
    <section className="card" data-testid="fleet-fills-first">
      <div className="card-header">
        <h2>{t('capacity.fillsFirst')}</h2>
        <div className="filters">
          {capacity.data ? (
            <span className="muted" data-testid="fills-first-total">
              {t('capacity.rowCount', { count: fmt.number(capacity.data.pagination.total) })}
            </span>
          ) : null}
          <ChartToggle
            label={t('fleet.level')}
            testId="fills-first-level"
            value={view.capacityLevel}
            options={CAPACITY_LEVELS.map((level) => ({ value: level, label: t(`fleet.level.${level}`) }))}
            onChange={(capacityLevel) => onChange({ capacityLevel })}
          />
          <DownloadCsvButton testId="fills-first-csv" download={() => downloadFleetCapacityCsv(wanted)} />
        </div>
      </div>
      <QueryView query={capacity} isEmpty={(page) => page.data.length === 0} empty={t('capacity.fillsFirstEmpty')}>
        {(page) => (
          <DataTable
            testId="fills-first-table"
            footer={<PaginationBar pagination={page.pagination} onPage={(next) => onChange({ capacityPage: next })} />}
            columns={[
              { label: t('agg.instance') },
              ...(withDatabase ? [{ label: t('storage.database') }] : []),
              { label: t('instances.engine') },
              { label: t('capacity.used') },
              { label: t('capacity.limitSource') },
              { label: t('capacity.growthPerDay'), numeric: true },
              { label: t('capacity.daysToFull') },
            ]}
          >
            {page.data.map((item) => (
              <FillsFirstRow key={`${item.instance.id}-${item.database_name ?? ''}`} item={item} withDatabase={withDatabase} />
            ))}
          </DataTable>
        )}
      </QueryView>
    </section>
  );
}
