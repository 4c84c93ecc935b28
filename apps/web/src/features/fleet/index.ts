export { FleetPage } from './components/fleet-page';
export { useFleetSeries, type FleetSeriesFilter } from './api/fleet';
export { fleetChartData, OTHERS_KEY, TOTAL_KEY } from './components/fleet-chart-data';
