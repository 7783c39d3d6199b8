# R side of bench/engine-long.ts: one line on stdin, tab-separated: <limit s> <periods,…> <h> <y1,y2,…>.
# Times, once each (these take minutes; a median of several would take an hour):
#   stlf(msts(y), h), forecast(mstl(msts(y)), h), forecast(tbats(msts(y)), h),
#   auto.arima(y, xreg = fourier(y, K = min(5, floor(m/2))), seasonal = FALSE) + forecast,
# each stopped after <limit> seconds of elapsed time (then reported as the limit).
# Output, one line per method: <method> <elapsed seconds>.
suppressPackageStartupMessages(library(forecast))
f <- strsplit(readLines(file("stdin"), n = 1), "\t", fixed = TRUE)[[1]]
limit <- as.numeric(f[1])
periods <- as.numeric(strsplit(f[2], ",", fixed = TRUE)[[1]])
h <- as.integer(f[3])
y <- msts(as.numeric(strsplit(f[4], ",", fixed = TRUE)[[1]]), seasonal.periods = periods)
K <- pmin(5, floor(periods / 2))
run <- function(name, fn) {
  t0 <- proc.time()[["elapsed"]]
  setTimeLimit(elapsed = limit, transient = TRUE)
  ok <- tryCatch({ fn(); TRUE }, error = function(e) FALSE)
  setTimeLimit(elapsed = Inf)
  secs <- if (ok) proc.time()[["elapsed"]] - t0 else limit
  cat(name, sprintf("%.2f", secs), sep = "\t")
  cat("\n")
  flush(stdout())
}
run("stlf", function() stlf(y, h = h))
run("mstl+forecast", function() forecast(mstl(y), h = h))
run("fourier ARIMA", function() forecast(auto.arima(y, xreg = fourier(y, K = K), seasonal = FALSE), xreg = fourier(y, K = K, h = h)))
run("tbats", function() forecast(tbats(y, use.parallel = FALSE), h = h))
