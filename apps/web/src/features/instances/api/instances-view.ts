import {
  DB_TYPES,
  DEFAULT_INSTANCE_SORT,
  INSTANCE_SORTS,
  INSTANCE_STATUS_FILTERS,
  type DbType,
  type InstanceSort,
  type InstanceSortKey,
  type InstanceStatusFilter,
} from '@capacity/contracts';
import { changeWithPageReset, type UrlViewCodec } from '../../../lib/url-view';

export const INSTANCES_PER_PAGE = 50;

/** What the instances page shows; every field lives in the URL's search params, so a link or a reload shows the same. */
export interface InstancesView {
  page: number;
  sort: InstanceSort;
  db_type: DbType | '';
  status: InstanceStatusFilter | '';
  tag: string;
  zone: string;
  search: string;
  active: 'true' | 'false' | '';
}

export type InstancesFilterField = Exclude<keyof InstancesView, 'page' | 'sort'>;

const oneOf = <T extends string>(values: readonly T[], value: string | null): T | '' => (values.includes(value as T) ? (value as T) : '');

/** The view of a URL; what is missing or not understood falls back to the default (a hand-edited link still opens). */
export function viewFromParams(params: URLSearchParams): InstancesView {
  const page = Number(params.get('page'));
  return {
    page: Number.isInteger(page) && page >= 1 ? page : 1,
    sort: oneOf(INSTANCE_SORTS, params.get('sort')) || DEFAULT_INSTANCE_SORT,
    db_type: oneOf(DB_TYPES, params.get('db_type')),
    status: oneOf(INSTANCE_STATUS_FILTERS, params.get('status')),
    tag: params.get('tag') ?? '',
    zone: params.get('zone') ?? '',
    search: params.get('search') ?? '',
    active: oneOf(['true', 'false'] as const, params.get('active')),
  };
}

/** The URL of a view, defaults left out (the plain page has a plain URL). */
export function paramsFromView(view: InstancesView): URLSearchParams {
  const params = new URLSearchParams();
  if (view.search) params.set('search', view.search);
  if (view.db_type) params.set('db_type', view.db_type);
  if (view.status) params.set('status', view.status);
  if (view.tag) params.set('tag', view.tag);
  if (view.zone) params.set('zone', view.zone);
  if (view.active) params.set('active', view.active);
  if (view.sort !== DEFAULT_INSTANCE_SORT) params.set('sort', view.sort);
  if (view.page > 1) params.set('page', String(view.page));
  return params;
}

export function hasFilters(view: InstancesView): boolean {
  return Boolean(view.db_type || view.status || view.tag || view.zone || view.search || view.active);
}

/** Changing one of these shows another list: back to its first page. */
const RESETS_PAGE: readonly (keyof InstancesView)[] = ['sort', 'db_type', 'status', 'tag', 'zone', 'search', 'active'];

/** The view after an edit, normalised as a link would be read; a changed filter or sort shows its first page. */
export function changeInstancesView(view: InstancesView, patch: Partial<InstancesView>): InstancesView {
  return viewFromParams(paramsFromView(changeWithPageReset(view, patch, 'page', RESETS_PAGE)));
}

/** A changed filter shows its first page. */
export function withFilter(view: InstancesView, field: InstancesFilterField, value: string): InstancesView {
  return changeInstancesView(view, { [field]: value });
}

/** The instances page's view in the URL (see useUrlView). */
export const INSTANCES_VIEW_CODEC: UrlViewCodec<InstancesView> = {
  keys: ['search', 'db_type', 'status', 'tag', 'zone', 'active', 'sort', 'page'],
  parse: viewFromParams,
  format: paramsFromView,
  change: changeInstancesView,
};

export function sortKeyOf(sort: InstanceSort): { key: InstanceSortKey; descending: boolean } {
  return sort.startsWith('-') ? { key: sort.slice(1) as InstanceSortKey, descending: true } : { key: sort as InstanceSortKey, descending: false };
}

/** A click on a header: the sorted column turns its direction; another starts with its own (figures largest first). */
export function nextSort(current: InstanceSort, key: InstanceSortKey, firstDescending: boolean): InstanceSort {
  const { key: currentKey, descending } = sortKeyOf(current);
  const nextDescending = currentKey === key ? !descending : firstDescending;
  return nextDescending ? `-${key}` : key;
}

/** The API's query of a view (without page and per_page for an export of every row). */
export function listQueryOf(view: InstancesView) {
  return {
    sort: view.sort,
    db_type: view.db_type || undefined,
    status: view.status || undefined,
    tag: view.tag.trim() || undefined,
    zone: view.zone.trim() || undefined,
    search: view.search.trim() || undefined,
    is_active: view.active === '' ? undefined : view.active === 'true',
  };
}
