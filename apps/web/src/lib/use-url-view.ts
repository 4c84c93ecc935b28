import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { UrlViewCodec } from './url-view';

/** The URL after an edit of the view: the codec's own parameters rewritten, every other parameter kept. */
export function nextParams<View>(current: URLSearchParams, codec: UrlViewCodec<View>, patch: Partial<View>): URLSearchParams {
  const view = codec.parse(current);
  const changed = codec.change ? codec.change(view, patch) : { ...view, ...patch };
  const next = new URLSearchParams(current);
  for (const key of codec.keys) next.delete(key);
  for (const [key, value] of codec.format(changed)) next.set(key, value);
  return next;
}

/**
 * A page's view, kept in the URL's search parameters so that a link or a reload shows the same view. Each edit
 * replaces the entry (a filter is no page of history). `codec` must be stable (a module constant).
 */
export function useUrlView<View>(codec: UrlViewCodec<View>): [View, (patch: Partial<View>) => void] {
  const [params, setParams] = useSearchParams();
  const view = useMemo(() => codec.parse(params), [codec, params]);
  // The router renders a navigation as a transition: a second edit before it lands must build on the first, not on
  // the parameters of the last render (which would drop the first edit).
  const latest = useRef(params);
  useEffect(() => {
    latest.current = params;
  }, [params]);
  const update = useCallback(
    (patch: Partial<View>) => {
      const next = nextParams(latest.current, codec, patch);
      latest.current = next;
      setParams(next, { replace: true });
    },
    [codec, setParams],
  );
  return [view, update];
}
