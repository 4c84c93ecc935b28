import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Modal } from '../../../components/modal';
import { ErrorState } from '../../../components/states';
import { useI18n } from '../../../i18n';
import type { InstanceResponse } from '../../../lib/api-types';
import { instanceKeys, sessionKeys, storageKeys } from '../../../lib/query-keys';
import { SessionFollower, useSessionFinished } from '../../sessions';
import { useCollectNow, useTestConnection } from '../api/instances';

/** "Collect now": starts a run for one instance and follows its session in a dialog. */
export function CollectNowButton({ instance, testId }: { instance: InstanceResponse; testId: string }) {
  const { t } = useI18n();
  const collect = useCollectNow();
  const [open, setOpen] = useState(false);
  const client = useQueryClient();
  // The run wrote new readings: refresh the lists and the storage views.
  useSessionFinished(collect.data?.session_id ?? null, () => {
    for (const queryKey of [instanceKeys.all, storageKeys.all, sessionKeys.lists()]) {
      void client.invalidateQueries({ queryKey });
    }
  });
  return (
    <>
      <button
        type="button"
        className="btn btn-small"
        data-testid={testId}
        disabled={collect.isPending}
        onClick={() => {
          setOpen(true);
          collect.mutate(instance.id);
        }}
      >
        {t('instances.collectNow')}
      </button>
      {open ? (
        <Modal title={`${t('instances.collectNow')} — ${instance.name}`} onClose={() => setOpen(false)} testId="collect-modal">
          {collect.isError ? <ErrorState error={collect.error} /> : null}
          {collect.data ? <SessionFollower sessionId={collect.data.session_id} /> : null}
        </Modal>
      ) : null}
    </>
  );
}

export function TestConnectionButton({ instance }: { instance: InstanceResponse }) {
  const { t } = useI18n();
  const test = useTestConnection();
  return (
    <span className="inline-result">
      <button type="button" className="btn btn-small" disabled={test.isPending} onClick={() => test.mutate(instance.id)}>
        {t('instances.testConnection')}
      </button>
      {test.isError ? <span className="error-text">{test.error.message}</span> : null}
      {test.data ? (
        <span className={test.data.ok ? 'ok-text' : 'error-text'} role="status">
          {test.data.ok
            ? t('instances.testOk', { ms: test.data.latency_ms, version: test.data.server_version ?? '' })
            : t('instances.testFailed', { message: test.data.message ?? test.data.failure ?? '' })}
        </span>
      ) : null}
    </span>
  );
}
