/**
 * The most work (multiply-adds, roughly) a forecast may take and still count as cheap
 * (ModelKind.cheapForecast). At this bound a forecast takes about 40 µs here, serialised answer
 * included (an ARIMA with a seasonal AR term at lag 27, h = 12; 18 µs for ARIMA(1,0,1)): less than
 * handing it to a worker thread costs the daemon's own thread, and far less than the event-loop turn the
 * answer would wait for the worker's reply.
 */
export const CHEAP_FORECAST_WORK = 10_000;
