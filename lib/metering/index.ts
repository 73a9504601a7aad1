export { recordCall, type CallRecord } from "./record";
export { LATENCY_BOUNDS_MS, HISTOGRAM_LENGTH, bucketIndex, emptyHistogram, mergeHistograms, percentileMs } from "./histogram";
