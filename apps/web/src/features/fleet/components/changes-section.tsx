import { FLEET_CHANGE_KINDS, type FleetChangeKind } from '@capacity/contracts';
import { Link } from 'react-router-dom';
import { DataTable } from '../../../components/data-table';
import { PaginationBar } from '../../../components/pagination-bar';
import { SelectField } from '../../../components/select-field';
import { QueryView } from '../../../components/states';
import { TextField } from '../../../components/text-field';
import { useFormat } from '../../../components/use-format';
import { useI18n } from '../../../i18n';
import { useFleetChanges, type FleetFilter } from '../api/fleet';
import { FLEET_THRESHOLDS, type FleetView } from './fleet-view';

export const CHANGES_PER_PAGE = 20;

const BADGE: Record<FleetChangeKind, string> = { appeared: 'badge-running', disappeared: 'badge-failed', changed: 'badge-partial' };

/** "What changed yesterday": databases that appeared, disappeared or changed by more than the threshold since the day before. */
export function ChangesSection({ view, filter, onChange }: { view: FleetView; filter: FleetFilter; onChange: (patch: Partial<FleetView>) => void }) {
  const { t } = useI18n();
  const fmt = useFormat();
  const changes = useFleetChanges({
    ...filter,
    date: view.date || undefined,
    threshold_percent: view.threshold,
    change: view.change || undefined,
    page: view.changesPage,
    per_page: CHANGES_PER_PAGE,
  });
  // A threshold from a link that is not among the choices stays choosable.
  const thresholds = [...new Set<number>([...FLEET_THRESHOLDS, view.threshold])].sort((a, b) => a - b);
  const [first] = changes.data?.data ?? [];

  return (
    <section className="card" data-testid="fleet-changes">
      <div className="card-header">
        <h2>{first ? t('fleet.changesOn', { date: fmt.date(first.date), previous: fmt.date(first.previous_date) }) : t('fleet.changes')}</h2>
        <div className="filters">
          <TextField
            label={t('fleet.date')}
            type="date"
            name="date"
            testId="changes-date"
            value={view.date}
            title={t('fleet.dateHint')}
            onChange={(date) => onChange({ date })}
          />
          <SelectField
            label={t('fleet.threshold')}
            name="threshold"
            testId="changes-threshold"
            value={String(view.threshold)}
            options={thresholds.map((threshold) => ({ value: String(threshold), label: `${fmt.number(threshold)}%` }))}
            onChange={(threshold) => threshold && onChange({ threshold: Number(threshold) })}
          />
          <SelectField
            label={t('fleet.changeKind')}
            name="change"
            testId="changes-kind"
            value={view.change}
            allLabel={t('common.all')}
            options={FLEET_CHANGE_KINDS.map((kind) => ({ value: kind, label: t(`fleet.kind.${kind}`) }))}
            onChange={(change) => onChange({ change })}
          />
        </div>
      </div>
      <QueryView query={changes} isEmpty={(page) => page.data.length === 0} empty={t('fleet.changesEmpty', { threshold: fmt.number(view.threshold) })}>
        {(page) => (
          <DataTable
            testId="changes-table"
            footer={<PaginationBar pagination={page.pagination} onPage={(next) => onChange({ changesPage: next })} />}
            columns={[
              { label: t('fleet.changeKind') },
              { label: t('agg.instance') },
              { label: t('storage.database') },
              { label: t('fleet.before'), numeric: true },
              { label: t('fleet.after'), numeric: true },
              { label: t('fleet.change'), numeric: true },
              { label: t('fleet.changePercent'), numeric: true },
            ]}
          >
            {page.data.map((item) => (
              <tr key={`${item.change}-${item.instance.id}-${item.database_name}`} data-testid={`change-row-${item.instance.id}/${item.database_name}`}>
                <td>
                  <span className={`badge ${BADGE[item.change]}`}>{t(`fleet.kind.${item.change}`)}</span>
                </td>
                <td>
                  <Link to={`/instances/${item.instance.id}`}>{item.instance.name}</Link>
                </td>
                <td>{item.database_name}</td>
                <td className="num">{fmt.bytes(item.size_before_bytes)}</td>
                <td className="num">{fmt.bytes(item.size_after_bytes)}</td>
                <td className="num">{fmt.signedBytes(item.change_bytes)}</td>
                <td className="num">{fmt.percent(item.change_percent)}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </QueryView>
    </section>
  );
}
