import { DataTable } from '../../../components/data-table';
import { QueryView } from '../../../components/states';
import { useFormat } from '../../../components/use-format';
import { useI18n } from '../../../i18n';
import { useCollectors } from '../api/collectors';

/** Admin: the live collector processes, their zones and heartbeats (refreshed with the heartbeats). */
export function CollectorsPage() {
  const { t } = useI18n();
  const fmt = useFormat();
  const query = useCollectors();
  return (
    <section className="page">
      <div className="page-header">
        <h1>{t('collectors.title')}</h1>
      </div>
      <p className="muted">{t('collectors.hint')}</p>
      <QueryView query={query} isEmpty={(list) => list.data.length === 0} empty={t('collectors.empty')}>
        {(list) => (
          <DataTable
            testId="collectors-table"
            columns={[
              { label: t('collectors.host') },
              { label: t('collectors.pid') },
              { label: t('collectors.role') },
              { label: t('collectors.zones') },
              { label: t('collectors.concurrency') },
              { label: t('collectors.started') },
              { label: t('collectors.heartbeat') },
              { label: t('collectors.jobsDone') },
            ]}
          >
            {list.data.map((collector) => (
              <tr key={collector.id} data-testid={`collector-row-${collector.id}`}>
                <td>{collector.host}</td>
                <td>{collector.pid}</td>
                <td>{t(`collectors.role.${collector.role}`)}</td>
                <td>{collector.zones.join(', ')}</td>
                <td>{collector.concurrency}</td>
                <td>{fmt.dateTime(collector.started_at)}</td>
                <td>{fmt.dateTime(collector.last_heartbeat_at)}</td>
                <td>{collector.jobs_done}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </QueryView>
    </section>
  );
}
