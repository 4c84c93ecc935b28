export { SummaryCards } from './components/summary-cards';
export { useAggregationSummary } from './api/aggregations';
