import { MAX_PER_PAGE } from '@capacity/contracts';
import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiClient, bodyOf } from '../../../lib/api-client';
import type {
  CreateNotificationChannelBody,
  NotificationChannelResponse,
  NotificationChannelsPage,
  NotificationDeliveriesPage,
  NotificationTestResponse,
  UpdateNotificationChannelBody,
} from '../../../lib/api-types';
import { channelKeys } from '../../../lib/query-keys';

export const CHANNELS_PER_PAGE = 20;
export const DELIVERIES_PER_PAGE = 10;

async function fetchChannels(page: number, perPage: number): Promise<NotificationChannelsPage> {
  return bodyOf(await apiClient.GET('/api/v1/notification-channels', { params: { query: { page, per_page: perPage } } }));
}

export function useChannels(page: number) {
  return useQuery({ queryKey: channelKeys.list(page), queryFn: () => fetchChannels(page, CHANNELS_PER_PAGE), placeholderData: keepPreviousData });
}

/** The channels a rule can pick from: one page of the most the API gives (a fleet has a few dozen at most). */
export const channelOptionsQuery = () =>
  queryOptions({ queryKey: [...channelKeys.all, 'options'] as const, queryFn: () => fetchChannels(1, MAX_PER_PAGE) });

export function useChannelOptions() {
  return useQuery(channelOptionsQuery());
}

async function fetchDeliveries(id: number, page: number): Promise<NotificationDeliveriesPage> {
  return bodyOf(
    await apiClient.GET('/api/v1/notification-channels/{id}/deliveries', { params: { path: { id }, query: { page, per_page: DELIVERIES_PER_PAGE } } }),
  );
}

export function useDeliveries(id: number, page: number) {
  return useQuery({ queryKey: channelKeys.deliveries(id, page), queryFn: () => fetchDeliveries(id, page), placeholderData: keepPreviousData });
}

function useInvalidateChannels() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: channelKeys.all });
}

export type SaveChannel = { id?: undefined; body: CreateNotificationChannelBody } | { id: number; body: UpdateNotificationChannelBody };

async function saveChannel(save: SaveChannel): Promise<NotificationChannelResponse> {
  if (save.id === undefined) return bodyOf(await apiClient.POST('/api/v1/notification-channels', { body: save.body }));
  return bodyOf(await apiClient.PATCH('/api/v1/notification-channels/{id}', { params: { path: { id: save.id } }, body: save.body }));
}

export function useSaveChannel() {
  const invalidate = useInvalidateChannels();
  return useMutation({ mutationFn: saveChannel, onSuccess: invalidate });
}

async function deleteChannel(id: number): Promise<void> {
  await apiClient.DELETE('/api/v1/notification-channels/{id}', { params: { path: { id } } });
}

export function useDeleteChannel() {
  const invalidate = useInvalidateChannels();
  return useMutation({ mutationFn: deleteChannel, onSuccess: invalidate });
}

async function testChannel(id: number): Promise<NotificationTestResponse> {
  return bodyOf(await apiClient.POST('/api/v1/notification-channels/{id}/test', { params: { path: { id } } }));
}

/** Sends a test message now; the attempts it made show up in the channel's deliveries. */
export function useTestChannel() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: testChannel,
    onSettled: (_result, _error, id) => client.invalidateQueries({ queryKey: [...channelKeys.all, 'deliveries', id] }),
  });
}
