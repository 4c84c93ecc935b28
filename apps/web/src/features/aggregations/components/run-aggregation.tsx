import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Modal } from '../../../components/modal';
import { ErrorState } from '../../../components/states';
import { useI18n } from '../../../i18n';
import { aggregationKeys, fleetKeys, storageKeys } from '../../../lib/query-keys';
import { SessionFollower, useSessionFinished } from '../../sessions';
import { useRunAggregation } from '../api/aggregations';

/** "Aggregate today": starts the run and follows its session in a progress dialog. */
export function RunAggregationButton() {
  const { t } = useI18n();
  const run = useRunAggregation();
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const sessionId = run.data?.session_id ?? null;
  const session = useSessionFinished(sessionId, () => {
    void client.invalidateQueries({ queryKey: aggregationKeys.all });
    void client.invalidateQueries({ queryKey: storageKeys.instanceAggregations() });
    void client.invalidateQueries({ queryKey: fleetKeys.all });
  });
  const finished = session.data && session.data.status !== 'running';

  return (
    <>
      <button
        type="button"
        className="btn btn-primary"
        data-testid="aggregate-today"
        disabled={run.isPending || (Boolean(sessionId) && !finished && open)}
        onClick={() => {
          setOpen(true);
          run.mutate();
        }}
      >
        {t('agg.runToday')}
      </button>
      {open ? (
        <Modal title={t('agg.runToday')} onClose={() => setOpen(false)} testId="aggregation-modal">
          {run.isPending ? <p>{t('agg.running')}</p> : null}
          {run.isError ? <ErrorState error={run.error} /> : null}
          {sessionId ? <SessionFollower sessionId={sessionId} /> : null}
        </Modal>
      ) : null}
    </>
  );
}
