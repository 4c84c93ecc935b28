import { useI18n } from '../i18n';
import type { Pagination } from '../lib/api-types';

export function PaginationBar({ pagination, onPage }: { pagination: Pagination; onPage: (page: number) => void }) {
  const { t } = useI18n();
  if (pagination.pages <= 1) return null;
  return (
    <nav className="pagination" aria-label="pagination">
      <button type="button" className="btn btn-small" disabled={!pagination.has_prev} onClick={() => onPage(pagination.page - 1)}>
        {t('common.previous')}
      </button>
      <span>{t('common.page', { page: pagination.page, pages: pagination.pages })}</span>
      <button type="button" className="btn btn-small" disabled={!pagination.has_next} onClick={() => onPage(pagination.page + 1)}>
        {t('common.next')}
      </button>
    </nav>
  );
}
