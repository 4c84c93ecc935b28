import type { AlertSeverity, AlertState } from '@capacity/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiClient, bodyOf } from '../../../lib/api-client';
import type {
  AlertDetailResponse,
  AlertRuleResponse,
  AlertRulesList,
  AlertsPage,
  AlertSummaryResponse,
  CreateAlertRuleBody,
  UpdateAlertRuleBody,
} from '../../../lib/api-types';
import { alertKeys } from '../../../lib/query-keys';

export const ALERTS_PER_PAGE = 25;
/** How often the header asks again how many alerts are firing. */
export const SUMMARY_REFRESH_MS = 30_000;

export interface AlertsFilter {
  state: AlertState | '';
  severity: AlertSeverity | '';
  instance: number | undefined;
  page: number;
}

async function fetchAlerts(filter: AlertsFilter): Promise<AlertsPage> {
  const query = {
    state: filter.state || undefined,
    severity: filter.severity || undefined,
    instance_id: filter.instance,
    page: filter.page,
    per_page: ALERTS_PER_PAGE,
  };
  return bodyOf(await apiClient.GET('/api/v1/alerts', { params: { query } }));
}

export function useAlerts(filter: AlertsFilter) {
  return useQuery({ queryKey: alertKeys.list(filter), queryFn: () => fetchAlerts(filter), placeholderData: keepPreviousData });
}

async function fetchAlert(id: number): Promise<AlertDetailResponse> {
  return bodyOf(await apiClient.GET('/api/v1/alerts/{id}', { params: { path: { id } } }));
}

/** One event with its history (fired, repeats, acknowledged, resolved). */
export function useAlert(id: number) {
  return useQuery({ queryKey: alertKeys.detail(id), queryFn: () => fetchAlert(id) });
}

async function fetchSummary(): Promise<AlertSummaryResponse> {
  return bodyOf(await apiClient.GET('/api/v1/alerts/summary'));
}

/** The firing count of the header, asked again every SUMMARY_REFRESH_MS (an evaluation runs after each collection). */
export function useAlertSummary() {
  return useQuery({ queryKey: alertKeys.summary(), queryFn: fetchSummary, refetchInterval: SUMMARY_REFRESH_MS });
}

function useInvalidateAlerts() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: alertKeys.all });
}

async function acknowledge(id: number): Promise<AlertDetailResponse> {
  return bodyOf(await apiClient.POST('/api/v1/alerts/{id}/acknowledge', { params: { path: { id } } }));
}

export function useAcknowledge() {
  const invalidate = useInvalidateAlerts();
  return useMutation({ mutationFn: acknowledge, onSuccess: invalidate });
}

async function fetchRules(): Promise<AlertRulesList> {
  return bodyOf(await apiClient.GET('/api/v1/alert-rules'));
}

export function useAlertRules() {
  return useQuery({ queryKey: alertKeys.rules(), queryFn: fetchRules });
}

export type SaveRule = { id?: undefined; body: CreateAlertRuleBody } | { id: number; body: UpdateAlertRuleBody };

async function saveRule(save: SaveRule): Promise<AlertRuleResponse> {
  if (save.id === undefined) return bodyOf(await apiClient.POST('/api/v1/alert-rules', { body: save.body }));
  return bodyOf(await apiClient.PATCH('/api/v1/alert-rules/{id}', { params: { path: { id: save.id } }, body: save.body }));
}

/** Create, edit, enable or disable a rule. */
export function useSaveRule() {
  const invalidate = useInvalidateAlerts();
  return useMutation({ mutationFn: saveRule, onSuccess: invalidate });
}

async function deleteRule(id: number): Promise<void> {
  await apiClient.DELETE('/api/v1/alert-rules/{id}', { params: { path: { id } } });
}

export function useDeleteRule() {
  const invalidate = useInvalidateAlerts();
  return useMutation({ mutationFn: deleteRule, onSuccess: invalidate });
}
