# R side of bench/engine.ts: times R on the same data in the same run.
#   Rscript bench/r/engine.R JOBFILE      (or "-" / no argument: read the job from stdin)
# Base R plus the forecast package only. The job is plain text, one line per item, fields tab-separated:
#   runs <N>
#   arima701_lag365 <name> <x1,x2,...>          arima(diff(x, 365), order = c(7,0,1), method = "CSS-ML"), with a mean
#   auto <name> <frequency> <y1,y2,...>          auto.arima(ts(y, frequency = f))
#   ets <name> <frequency> <y1,y2,...>           ets(ts(y, frequency = f)); for f > 24 R drops the season
#                                                (its warning is silenced; the model string says so)
# Output, one line per case, tab-separated: <name> <median wall s> <median cpu s> <model>
# (cpu = user + system of this R process; medians of <N> runs after one untimed warm-up per kind of case).
suppressPackageStartupMessages(library(forecast))

args <- commandArgs(trailingOnly = TRUE)
con <- if (length(args) && args[1] != "-") file(args[1], "r") else file("stdin", "r")
lines <- readLines(con)
close(con)

runs <- 3L
nums <- function(s) as.numeric(strsplit(s, ",", fixed = TRUE)[[1]])

warmed <- character()
time_it <- function(kind, fn) {
  if (!(kind %in% warmed)) { # one untimed warm-up call per kind of case (R has no JIT; loads lazy code)
    fn()
    warmed <<- c(warmed, kind)
  }
  wall <- numeric(runs)
  cpu <- numeric(runs)
  for (i in seq_len(runs)) {
    t <- system.time(fn(), gcFirst = TRUE)
    wall[i] <- t[["elapsed"]]
    cpu[i] <- t[["user.self"]] + t[["sys.self"]]
  }
  c(wall = median(wall), cpu = median(cpu))
}

emit <- function(name, t, model) {
  cat(name, sprintf("%.4f", t[["wall"]]), sprintf("%.4f", t[["cpu"]]), model, sep = "\t")
  cat("\n")
  flush(stdout())
}

for (line in lines) {
  f <- strsplit(line, "\t", fixed = TRUE)[[1]]
  if (!length(f)) next
  if (f[1] == "runs") {
    runs <- as.integer(f[2])
  } else if (f[1] == "arima701_lag365") {
    d <- diff(nums(f[3]), lag = 365)
    fit <- NULL
    t <- time_it("arima", function() fit <<- arima(d, order = c(7, 0, 1), method = "CSS-ML"))
    emit(f[2], t, sprintf("ARIMA(7,0,1) with mean, loglik %.3f", fit$loglik))
  } else if (f[1] == "auto") {
    y <- ts(nums(f[4]), frequency = as.numeric(f[3]))
    fit <- NULL
    t <- time_it("auto", function() fit <<- auto.arima(y))
    emit(f[2], t, forecast:::arima.string(fit, padding = FALSE))
  } else if (f[1] == "ets") {
    freq <- as.numeric(f[3])
    y <- ts(nums(f[4]), frequency = freq)
    fit <- NULL
    t <- time_it("ets", function() fit <<- suppressWarnings(ets(y)))
    emit(f[2], t, paste0(fit$method, if (freq > 24) " (season dropped: frequency > 24)" else ""))
  } else {
    stop("unknown job line: ", f[1])
  }
}
