import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useSearchParams } from 'react-router-dom';
import { changeFleetView, fleetViewParams, parseFleetView, type FleetView } from './fleet-view';

/** The Fleet page's view, kept in the URL's search parameters (replaced, not pushed: a filter is no page of history). */
export function useFleetView(): [FleetView, (patch: Partial<FleetView>) => void] {
  const [params, setParams] = useSearchParams();
  const view = useMemo(() => parseFleetView(params), [params]);
  // The router renders a navigation as a transition: a second change before it lands must build on the first, not on
  // the parameters of the last render (which would drop the first change).
  const latest = useRef(params);
  useEffect(() => {
    latest.current = params;
  }, [params]);
  const update = useCallback(
    (patch: Partial<FleetView>) => {
      const next = fleetViewParams(changeFleetView(parseFleetView(latest.current), patch));
      latest.current = next;
      setParams(next, { replace: true });
    },
    [setParams],
  );
  return [view, update];
}
