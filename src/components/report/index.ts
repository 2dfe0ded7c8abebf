import MetricChart from './MetricChart.astro';
import MetricDelta from './MetricDelta.astro';
import ModelCardSummary from './ModelCardSummary.astro';
import ParamScatter from './ParamScatter.astro';
import RunComparison from './RunComparison.astro';
import RunsTable from './RunsTable.astro';
import Value from './Value.astro';

/** The components every report can use without importing them, by these names. */
export const reportComponents = { MetricChart, MetricDelta, ModelCardSummary, ParamScatter, RunComparison, RunsTable, Value };
