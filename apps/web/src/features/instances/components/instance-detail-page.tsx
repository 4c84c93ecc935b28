import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { QueryView } from '../../../components/states';
import { StatusBadge } from '../../../components/status-badge';
import { useFormat } from '../../../components/use-format';
import { useI18n } from '../../../i18n';
import { useAuth } from '../../auth';
import { StorageTab } from '../../storage';
import { useInstance } from '../api/instances';
import { CollectNowButton, TestConnectionButton } from './instance-actions';

type Tab = 'storage' | 'overview';

export function InstanceDetailPage() {
  const { t } = useI18n();
  const fmt = useFormat();
  const { isAdmin } = useAuth();
  const id = Number(useParams().id);
  const query = useInstance(id);
  const [tab, setTab] = useState<Tab>('storage');

  return (
    <section className="page">
      <p>
        <Link to="/instances">← {t('nav.instances')}</Link>
      </p>
      <QueryView query={query}>
        {(instance) => (
          <>
            <div className="page-header">
              <h1>
                {instance.name} <small className="muted">{t(`engine.${instance.db_type}`)} · {instance.host}:{instance.port}</small>
              </h1>
              <div className="actions">
                {isAdmin ? (
                  <>
                    <TestConnectionButton instance={instance} />
                    <CollectNowButton instance={instance} testId="collect-now" />
                  </>
                ) : null}
              </div>
            </div>
            <div className="tabs" role="tablist">
              <button type="button" role="tab" data-testid="storage-tab" aria-selected={tab === 'storage'} className={tab === 'storage' ? 'tab active' : 'tab'} onClick={() => setTab('storage')}>
                {t('instances.storage')}
              </button>
              <button type="button" role="tab" aria-selected={tab === 'overview'} className={tab === 'overview' ? 'tab active' : 'tab'} onClick={() => setTab('overview')}>
                {t('instances.overview')}
              </button>
            </div>
            {tab === 'storage' ? (
              <StorageTab instance={instance} />
            ) : (
              <dl className="overview">
                <dt>{t('instances.totalSize')}</dt>
                <dd>{fmt.bytes(instance.latest_total_size_bytes)}</dd>
                <dt>{t('instances.databaseCount')}</dt>
                <dd>{fmt.number(instance.database_count)}</dd>
                <dt>{t('instances.lastCollection')}</dt>
                <dd>
                  {instance.last_collected_at ? fmt.dateTime(instance.last_collected_at) : t('common.never')}{' '}
                  {instance.last_collection_status ? <StatusBadge status={instance.last_collection_status} /> : null}
                </dd>
                <dt>{t('instances.username')}</dt>
                <dd>{instance.username}</dd>
                <dt>{t('instances.databaseName')}</dt>
                <dd>{instance.database_name ?? '—'}</dd>
                <dt>{t('instances.active')}</dt>
                <dd>{instance.is_active ? t('common.yes') : t('common.no')}</dd>
                <dt>{t('instances.description')}</dt>
                <dd>{instance.description ?? '—'}</dd>
              </dl>
            )}
          </>
        )}
      </QueryView>
    </section>
  );
}
