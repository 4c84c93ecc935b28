import { ALERT_SEVERITIES, ALERT_STATES, type AlertSeverity, type AlertState } from '@capacity/contracts';
import { changeWithPageReset, idOf, oneOf, pageOf, paramsOfView, type UrlViewCodec } from '../../../lib/url-view';
import type { AlertsFilter } from '../api/alerts';

/** The Alerts page as its URL carries it: the filters, the page, and the event whose history is open. */
export interface AlertsView extends AlertsFilter {
  event: number | undefined;
}

export const DEFAULT_ALERTS_VIEW: AlertsView = { state: '', severity: '', instance: undefined, page: 1, event: undefined };

const PARAM = { state: 'state', severity: 'severity', instance: 'instance_id', page: 'page', event: 'event' } as const;

export const ALERTS_VIEW_CODEC: UrlViewCodec<AlertsView> = {
  keys: Object.values(PARAM),
  parse: (params) => ({
    state: oneOf<AlertState | ''>(ALERT_STATES, params.get(PARAM.state), ''),
    severity: oneOf<AlertSeverity | ''>(ALERT_SEVERITIES, params.get(PARAM.severity), ''),
    instance: idOf(params.get(PARAM.instance)),
    page: pageOf(params.get(PARAM.page)),
    event: idOf(params.get(PARAM.event)),
  }),
  format: (view) => paramsOfView(view, DEFAULT_ALERTS_VIEW, PARAM),
  change: (view, patch) => changeWithPageReset(view, patch, 'page', ['state', 'severity', 'instance']),
};

/** A list page that keeps only its page number in the URL (the channels list). */
export interface PageView {
  page: number;
}

export const PAGE_VIEW_CODEC: UrlViewCodec<PageView> = {
  keys: ['page'],
  parse: (params) => ({ page: pageOf(params.get('page')) }),
  format: (view) => paramsOfView(view, { page: 1 }, { page: 'page' }),
};
