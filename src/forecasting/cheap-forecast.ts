/**
 * The most work (multiply-adds, roughly) a forecast may take and still count as cheap
 * (ModelKind.cheapForecast). At this bound a forecast takes about 40 µs here, serialised answer
 * included (an ARIMA with a seasonal AR term at lag 27, h = 12; 18 µs for ARIMA(1,0,1)): less than
 * handing it to a worker thread costs the daemon's own thread, and far less than the event-loop turn the
 * answer would wait for the worker's reply.
 */
export const CHEAP_FORECAST_WORK = 10_000;

/** Numbers in an h-step forecast at these levels: the mean, and a lower and upper bound per level. */
export const forecastNumbers = (h: number, levels: readonly number[]) => h * (1 + 2 * levels.length);

/**
 * cheapForecast of kinds that forecast from stored summaries in O(1) a number (the baselines): the
 * answer's size is the only cost.
 */
export const cheapByAnswerSize = (_model: unknown, h: number, levels: number[]) => forecastNumbers(h, levels) <= CHEAP_FORECAST_WORK;
