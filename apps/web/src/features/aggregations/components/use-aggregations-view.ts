import { useUrlView } from '../../../lib/use-url-view';
import { AGGREGATIONS_VIEW_CODEC, type AggregationsView } from './aggregations-view';

/** The Aggregations page's view, kept in the URL. */
export const useAggregationsView = (): [AggregationsView, (patch: Partial<AggregationsView>) => void] => useUrlView(AGGREGATIONS_VIEW_CODEC);
