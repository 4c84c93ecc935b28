export { SummaryCards } from './components/summary-cards';
export { useAggregationSummary } from './api/aggregations';
export { InstancePicker } from './components/instance-picker';
export { useChosenInstance } from './api/instance-options';
