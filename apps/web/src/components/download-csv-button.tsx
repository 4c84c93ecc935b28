import { useState } from 'react';
import { useI18n } from '../i18n';

/** "Download CSV" for a table: runs `download` (fetch the export and save it), busy meanwhile, its failure shown beside it. */
export function DownloadCsvButton({ download, testId }: { download: () => Promise<void>; testId?: string }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const start = async () => {
    setBusy(true);
    setError(null);
    try {
      await download();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <span className="download-csv">
      <button type="button" className="btn" data-testid={testId} disabled={busy} aria-busy={busy} onClick={() => void start()}>
        {busy ? t('common.downloading') : t('common.downloadCsv')}
      </button>
      {error ? (
        <span className="error-text" role="alert">
          {error}
        </span>
      ) : null}
    </span>
  );
}
