import type { InstanceSort } from '@capacity/contracts';
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { paramsFromView, viewFromParams, withFilter, type InstancesFilterField, type InstancesView } from '../api/instances-view';

/** The instances page's view, kept in the URL: each change replaces the search params (typing does not pile up history). */
export function useInstancesView() {
  const [params, setParams] = useSearchParams();
  const view = useMemo(() => viewFromParams(params), [params]);
  const show = useCallback((next: InstancesView) => setParams(paramsFromView(next), { replace: true }), [setParams]);
  return {
    view,
    setFilter: (field: InstancesFilterField, value: string) => show(withFilter(view, field, value)),
    setSort: (sort: InstanceSort) => show({ ...view, sort, page: 1 }),
    setPage: (page: number) => show({ ...view, page }),
  };
}
