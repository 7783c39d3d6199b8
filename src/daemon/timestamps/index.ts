export { placeOnIndex, timeSummary, type TimeSummary } from './series-time.ts';
export { continueTimestamps, fillGaps, formatRange, intervalSeconds } from './time-index.ts';
export { parseTimestamp } from './timestamp.ts';
