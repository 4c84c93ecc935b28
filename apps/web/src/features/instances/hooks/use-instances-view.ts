import type { InstanceSort } from '@capacity/contracts';
import { useUrlView } from '../../../lib/use-url-view';
import { INSTANCES_VIEW_CODEC, type InstancesFilterField } from '../api/instances-view';

/** The instances page's view, kept in the URL (useUrlView): a changed filter or sort goes back to page 1. */
export function useInstancesView() {
  const [view, update] = useUrlView(INSTANCES_VIEW_CODEC);
  return {
    view,
    setFilter: (field: InstancesFilterField, value: string) => update({ [field]: value }),
    setSort: (sort: InstanceSort) => update({ sort }),
    setPage: (page: number) => update({ page }),
  };
}
