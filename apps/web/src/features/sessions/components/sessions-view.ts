import { SESSION_CATEGORIES, SESSION_STATUSES, type SessionCategory, type SessionStatus } from '@capacity/contracts';
import { changeWithPageReset, oneOf, pageOf, paramsOfView, type UrlViewCodec } from '../../../lib/url-view';

/** What the Sessions page shows, as its URL carries it. */
export interface SessionsView {
  category: SessionCategory | '';
  status: SessionStatus | '';
  page: number;
}

export const DEFAULT_SESSIONS_VIEW: SessionsView = { category: '', status: '', page: 1 };

const PARAM = { category: 'category', status: 'status', page: 'page' } as const;

export function parseSessionsView(params: URLSearchParams): SessionsView {
  return {
    category: oneOf<SessionCategory | ''>(SESSION_CATEGORIES, params.get(PARAM.category), ''),
    status: oneOf<SessionStatus | ''>(SESSION_STATUSES, params.get(PARAM.status), ''),
    page: pageOf(params.get(PARAM.page)),
  };
}

export const SESSIONS_VIEW_CODEC: UrlViewCodec<SessionsView> = {
  keys: Object.values(PARAM),
  parse: parseSessionsView,
  format: (view) => paramsOfView(view, DEFAULT_SESSIONS_VIEW, PARAM),
  // Another filter lists other runs: back to their first page.
  change: (view, patch) => changeWithPageReset(view, patch, 'page', ['category', 'status']),
};
