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
 * The parameters the next edit builds on. The router renders a navigation as a transition, so the parameters of a
 * render can lag behind the edits made since: an edit builds on the last edit, and a render of an earlier edit of
 * ours that lands late does not take the base back (which would drop the edits after it). A render of parameters we
 * did not write (a link, back/forward) becomes the base.
 */
export class EditBase {
  private base: URLSearchParams;
  private readonly pending: string[] = [];

  constructor(initial: URLSearchParams) {
    this.base = initial;
  }

  get current(): URLSearchParams {
    return this.base;
  }

  edited(next: URLSearchParams): void {
    this.base = next;
    this.pending.push(next.toString());
  }

  rendered(params: URLSearchParams): void {
    const index = this.pending.indexOf(params.toString());
    if (index === -1) {
      this.pending.length = 0;
      this.base = params;
      return;
    }
    this.pending.splice(0, index + 1);
    if (this.pending.length === 0) this.base = params;
  }
}

/**
 * A page's view, kept in the URL's search parameters so that a link or a reload shows the same view. Each edit
 * replaces the entry (a filter is no page of history). `codec` must be stable (a module constant).
 */
export function useUrlView<View>(codec: UrlViewCodec<View>): [View, (patch: Partial<View>) => void] {
  const [params, setParams] = useSearchParams();
  const view = useMemo(() => codec.parse(params), [codec, params]);
  const base = useRef<EditBase | null>(null);
  base.current ??= new EditBase(params);
  useEffect(() => {
    base.current?.rendered(params);
  }, [params]);
  const update = useCallback(
    (patch: Partial<View>) => {
      const edits = base.current as EditBase;
      const next = nextParams(edits.current, codec, patch);
      edits.edited(next);
      setParams(next, { replace: true });
    },
    [codec, setParams],
  );
  return [view, update];
}
