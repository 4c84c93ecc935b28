import { useDeferredValue } from 'react';
import { EngineSelect } from '../../../components/engine-select';
import { QueryView } from '../../../components/states';
import { TextField } from '../../../components/text-field';
import { useI18n } from '../../../i18n';
import { SummaryCards, useAggregationSummary } from '../../aggregations';
import type { FleetFilter } from '../api/fleet';
import { ChangesSection } from './changes-section';
import { FillsFirstSection } from './fills-first-section';
import { FleetCharts } from './fleet-charts';
import { RankingsSection } from './rankings-section';
import { useFleetView } from './use-fleet-view';

/** The fleet at a glance: summary, top-N size and growth charts, rankings and yesterday's changes; the view lives in the URL. */
export function FleetPage() {
  const { t } = useI18n();
  const [view, update] = useFleetView();
  const summary = useAggregationSummary();
  const tag = useDeferredValue(view.tag.trim());
  const filter: FleetFilter = { db_type: view.engine || undefined, tag: tag || undefined };

  return (
    <section className="page" data-testid="fleet-page">
      <div className="page-header">
        <h1>{t('fleet.title')}</h1>
      </div>
      <QueryView query={summary}>{(data) => <SummaryCards summary={data.data} />}</QueryView>
      <div className="card filters">
        <EngineSelect label={t('instances.engine')} name="engine" value={view.engine} onChange={(engine) => update({ engine })} />
        <TextField label={t('fleet.tag')} type="search" name="tag" testId="fleet-tag" maxLength={64} value={view.tag} onChange={(value) => update({ tag: value })} />
      </div>
      <FleetCharts view={view} filter={filter} onChange={update} />
      <FillsFirstSection view={view} filter={filter} onChange={update} />
      <RankingsSection view={view} filter={filter} onChange={update} />
      <ChangesSection view={view} filter={filter} onChange={update} />
    </section>
  );
}
