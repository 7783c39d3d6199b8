# R side of bench/engine-long.ts: one line on stdin, tab-separated: <method> <periods,…> <h> <y1,y2,…>.
# Times one method once (these take minutes at n = 60,000; the caller kills the process at its limit):
#   stlf            stlf(msts(y), h)
#   stlf arima      stlf(msts(y), h, method = "arima")  (the same method as our mstl with ARIMA)
#   mstl+forecast   forecast(mstl(msts(y)), h)
#   fourier ARIMA   auto.arima(y, xreg = fourier(y, K = min(5, floor(m/2))), seasonal = FALSE) + forecast
#   tbats           forecast(tbats(msts(y)), h)
# Output: <method> <elapsed seconds>.
suppressPackageStartupMessages(library(forecast))
f <- strsplit(readLines(file("stdin"), n = 1), "\t", fixed = TRUE)[[1]]
method <- f[1]
periods <- as.numeric(strsplit(f[2], ",", fixed = TRUE)[[1]])
h <- as.integer(f[3])
y <- msts(as.numeric(strsplit(f[4], ",", fixed = TRUE)[[1]]), seasonal.periods = periods)
K <- pmin(5, floor(periods / 2))
fns <- list(
  "stlf" = function() stlf(y, h = h),
  "stlf arima" = function() stlf(y, h = h, method = "arima"),
  "mstl+forecast" = function() forecast(mstl(y), h = h),
  "fourier ARIMA" = function() forecast(auto.arima(y, xreg = fourier(y, K = K), seasonal = FALSE), xreg = fourier(y, K = K, h = h)),
  "tbats" = function() forecast(tbats(y, use.parallel = FALSE), h = h)
)
t <- system.time(fns[[method]]())[["elapsed"]]
cat(method, sprintf("%.2f", t), sep = "\t")
cat("\n")
