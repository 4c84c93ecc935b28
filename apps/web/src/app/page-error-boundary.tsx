import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useI18n } from '../i18n';

function PageError({ error, onReload }: { error: Error; onReload: () => void }) {
  const { t } = useI18n();
  return (
    <div className="state state-error page-error" role="alert" data-testid="page-error">
      <strong>{t('errorBoundary.title')}</strong>
      <span>{t('errorBoundary.hint')}</span>
      <code className="muted">{error.message}</code>
      <button type="button" className="btn btn-primary" data-testid="page-error-reload" onClick={onReload}>
        {t('errorBoundary.reload')}
      </button>
    </div>
  );
}

interface Props {
  children: ReactNode;
  /** Reloads the page: a new load fetches the current chunks (a stale tab asks for files a new deploy removed). */
  onReload?: () => void;
}

/**
 * Catches what a page throws while it renders, its lazily loaded code failing to arrive included, and shows a
 * message with a reload button instead of a blank app. Give it a `key` that changes with the route to try again
 * on navigation.
 */
export class PageErrorBoundary extends Component<Props, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: unknown): { error: Error } {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('page failed to render', error, info.componentStack);
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return <PageError error={error} onReload={this.props.onReload ?? (() => window.location.reload())} />;
  }
}
