import { useUrlView } from '../../../lib/use-url-view';
import { FLEET_VIEW_CODEC, type FleetView } from './fleet-view';

/** The Fleet page's view, kept in the URL's search parameters. */
export function useFleetView(): [FleetView, (patch: Partial<FleetView>) => void] {
  return useUrlView(FLEET_VIEW_CODEC);
}
