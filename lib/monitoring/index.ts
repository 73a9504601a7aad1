export { RANGES, RANGE_KEYS, isRange, windowFor, bucketStart, shanghaiDayStart, type RangeKey, type Window } from "./range";
export { getMetrics, type Metrics, type MetricsPoint, type MetricsTotals, type MetricsFilter } from "./series";
export { getBurndown, type ApiBurndown, type BurnPoint } from "./burndown";
export { clipPath, forecastQuota, forecastText, type Forecast } from "./forecast";
export { listCalls, callFilterSchema, CALLS_PAGE_SIZE, type CallFilter, type CallRow } from "./calls";
export { getOverview, type AppOverview } from "./overview";
