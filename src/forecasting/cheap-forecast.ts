/**
 * The most work (multiply-adds, roughly) a forecast may take and still count as cheap
 * (ModelKind.cheapForecast): about 20 µs here, less than handing the forecast to a worker thread costs
 * the daemon's own thread and far less than the event-loop turn the answer would wait for.
 */
export const CHEAP_FORECAST_WORK = 20_000;
