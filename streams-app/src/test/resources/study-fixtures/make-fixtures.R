# Makes the event-study fixtures of this folder with implementations written outside this project (README.md):
# R's stats::wilcox.test, estudy2's wilcoxon_test, and EventStudy's (sipemu/eventstudy) CSectTTest, PatellZTest,
# BMPTest, GeneralizedSignTest, KolariPynnonenTest and RankTest. Run from this folder with both packages on the library path:
#   R_LIBS=<private library> Rscript make-fixtures.R
# Writes inputs.csv, outputs.csv, kp-inputs.csv, kp-outputs.csv, rank-inputs.csv, rank-outputs.csv. Seeded: the same R gives the same files.
suppressPackageStartupMessages({
  library(EventStudy)
  library(estudy2)
  library(dplyr)
  library(tibble)
})
set.seed(20261207)
num <- function(x) trimws(formatC(x, digits = 17, format = "g"))

# ---- one (group, horizon): 40 reactions; the study's inputs per reaction: CAR, SAR, M, p ----
n <- 40
events <- lapply(seq_len(n), function(i) {
  m <- 20 + sample(0:60, 1)                          # estimation points
  sigma <- runif(1, 0.0005, 0.003)                   # one-minute residual sd
  minutes <- sample(c(5, 30, 60), 1)
  window_sd <- sigma * sqrt(minutes)                 # zScore = AR / (sigma sqrt(market minutes))
  est <- round(rnorm(m, 0, sigma), 5)                # estimation abnormal returns (rounded: some exact zeros)
  car <- window_sd * (rexp(1) - 0.7)                 # right-skewed window abnormal returns
  list(m = m, window_sd = window_sd, est = est, car = car)
})
# two ties in |SAR| of opposite sign, and one SAR the Wilcoxon test drops (0.00 to hundredths)
events[[2]]$car <- events[[2]]$window_sd * 1.2345
events[[3]]$car <- -events[[3]]$window_sd * 1.2345
events[[4]]$car <- events[[4]]$window_sd * 0.003
car <- sapply(events, `[[`, "car")
wsd <- sapply(events, `[[`, "window_sd")
sar <- car / wsd
m <- sapply(events, `[[`, "m")
p <- sapply(events, function(e) mean(e$est > 0))
write.csv(data.frame(event = seq_len(n), car = num(car), sar = num(sar), m = m, p = num(p)),
          "inputs.csv", row.names = FALSE, quote = FALSE)

# EventStudy's tests take a long table of abnormal returns (estimation rows and one event-window row per event)
# and a per-event model; sigma (and the forecast-error-corrected sigma) are the window's sd, so that its SAR is ours
data_tbl <- bind_rows(lapply(seq_len(n), function(i) {
  e <- events[[i]]
  tibble(event_id = i, firm_symbol = paste0("F", i),
         relative_index = c(-(e$m):-1, 0),
         abnormal_returns = c(e$est, e$car),
         estimation_window = c(rep(1, e$m), 0),
         event_window = c(rep(0, e$m), 1))
}))
model_tbl <- tibble(event_id = seq_len(n), model = lapply(seq_len(n), function(i) {
  e <- events[[i]]
  list(statistics = list(sigma = e$window_sd, forecast_error_corrected_sigma = e$window_sd,
                         degree_of_freedom = e$m - 2, residuals = e$est))
}))
at0 <- function(t) t[t$relative_index == 0, ]
csect <- at0(CSectTTest$new()$compute(data_tbl, model_tbl))
patell <- at0(PatellZTest$new()$compute(data_tbl, model_tbl))
bmp <- at0(BMPTest$new()$compute(data_tbl, model_tbl))
gsign <- at0(GeneralizedSignTest$new()$compute(data_tbl, model_tbl))

# Wilcoxon on the SARs quantised as the study does: hundredths (half up), |SAR| at most 100
q <- sign(sar) * pmin(10000, floor(abs(sar) * 100 + 0.5)) / 100
w <- wilcox.test(q, exact = FALSE, correct = TRUE)
nz <- q[q != 0]
w_z <- sign(w$statistic - length(nz) * (length(nz) + 1) / 4) * qnorm(w$p.value / 2, lower.tail = FALSE)
# estudy2: V from a cross-section of "returns" on one event day (its mean-rank arithmetic needs no zeros: the
# quantised zero is left out, as wilcox.test drops it)
day <- as.Date("2026-12-07")
returns <- lapply(nz, function(x) structure(
  list(abnormal = zoo::zoo(x, day), estimation_end = day - 1), class = "returns"))
e2 <- estudy2::wilcoxon_test(returns, event_start = day, event_end = day)

out <- data.frame(
  statistic = c("caar", "csectT", "patellZ", "bmpT", "genSignZ", "wilcoxonV", "wilcoxonV.estudy2",
                "wilcoxonZ", "wilcoxonP"),
  value = num(c(csect$caar, csect$caar_t, patell$aar_z, bmp$bmp_t, gsign$gsign_z, unname(w$statistic),
                e2$wlcx_stat, w_z, w$p.value)),
  source = c(rep("EventStudy::CSectTTest", 2), "EventStudy::PatellZTest", "EventStudy::BMPTest",
             "EventStudy::GeneralizedSignTest", "stats::wilcox.test", "estudy2::wilcoxon_test",
             "stats::wilcox.test", "stats::wilcox.test"))
write.csv(out, "outputs.csv", row.names = FALSE, quote = FALSE)

# ---- Kolari-Pynnonen: clustered news on one ticker, PT1H windows ----
h <- 3600000
t0 <- 1796630400000 + c(0, 60, 150, 240, 420, 0, 1800, 900, 2400, 3000, 5400, 7200) * 1000
ticker <- c("AMZN", "AMZN", "AMZN", "AMZN", "AMZN", "MSFT", "MSFT", "AAPL", "NVDA", "GOOG", "AMZN", "MSFT")
k <- length(t0)
ksar <- round(rnorm(k, 0.8, 1.2), 6)
write.csv(data.frame(event = seq_len(k), ticker = ticker, t0 = sprintf("%.0f", t0), horizon = "PT1H",
                     sar = num(ksar)), "kp-inputs.csv", row.names = FALSE, quote = FALSE)
# the correlation the study assumes: the share of two same-ticker windows in common, 0 across tickers
phi <- outer(seq_len(k), seq_len(k), function(i, j)
  ifelse(ticker[i] == ticker[j], pmax(0, 1 - abs(t0[i] - t0[j]) / h), 0))
# estimation-window SARs on a shared grid whose sample correlations are exactly phi: an orthonormal, mean-zero
# basis times phi's Cholesky factor; EventStudy estimates r from them as KP do
L <- 60
basis <- qr.Q(qr(scale(matrix(rnorm(L * k), L, k), scale = FALSE)))
est <- basis %*% chol(phi)
kp_tbl <- bind_rows(lapply(seq_len(k), function(i) tibble(
  event_id = i, firm_symbol = ticker[i], relative_index = c(-L:-1, 0),
  abnormal_returns = c(est[, i], ksar[i]), estimation_window = c(rep(1, L), 0), event_window = c(rep(0, L), 1))))
kp_model <- tibble(event_id = seq_len(k), model = lapply(seq_len(k), function(i) list(statistics = list(sigma = 1))))
kp <- at0(KolariPynnonenTest$new()$compute(kp_tbl, kp_model))
kp_bmp <- at0(BMPTest$new()$compute(kp_tbl, kp_model))
r_bar <- (sum(stats::cor(est)) - k) / (k * (k - 1))
write.csv(data.frame(statistic = c("overlapR", "bmpT", "bmpKpT"), value = num(c(r_bar, kp_bmp$bmp_t, kp$kp_t)),
                     source = c("stats::cor as EventStudy::KolariPynnonenTest", "EventStudy::BMPTest",
                                "EventStudy::KolariPynnonenTest")),
          "kp-outputs.csv", row.names = FALSE, quote = FALSE)
# ---- generalized rank: each event's z-score ranked among its standardized estimation residuals ----
# EventStudy's RankTest ranks each firm's abnormal returns over its estimation and event rows together and reports
# the event day's mean centered rank rank / (T + 1) - 1/2. The study's U ranks the z-score among residuals each over
# its own sd; with one sigma per firm here, ranking sigma * x is ranking x. Values to hundredths: ties among the
# residuals, and between a z-score and a residual, exercise the averaged ranks.
rn <- 30
rank_events <- lapply(seq_len(rn), function(i) {
  m <- 20 + sample(0:80, 1)
  list(m = m, sigma = runif(1, 0.0005, 0.003), x = round(rnorm(m), 2), z = round(rnorm(1, 0.3, 1.2), 2))
})
rank_events[[1]]$z <- rank_events[[1]]$x[3]                    # a z-score tied with a residual
rank_events[[2]]$z <- max(rank_events[[2]]$x) + 1              # above every residual: rank T
rank_events[[3]]$z <- min(rank_events[[3]]$x) - 1              # below every residual: rank 1
rank_tbl <- bind_rows(lapply(seq_len(rn), function(i) {
  e <- rank_events[[i]]
  tibble(event_id = i, firm_symbol = paste0("R", i), relative_index = c(-(e$m):-1, 0),
         standardized = c(e$x, e$z), abnormal_returns = e$sigma * c(e$x, e$z),
         estimation_window = c(rep(1, e$m), 0), event_window = c(rep(0, e$m), 1))
}))
write.csv(data.frame(event = rank_tbl$event_id, relative_index = rank_tbl$relative_index,
                     standardized = num(rank_tbl$standardized)),
          "rank-inputs.csv", row.names = FALSE, quote = FALSE)
rank_model <- tibble(event_id = seq_len(rn), model = lapply(seq_len(rn), function(i)
  list(statistics = list(sigma = rank_events[[i]]$sigma))))
rk <- at0(RankTest$new()$compute(rank_tbl, rank_model))
write.csv(data.frame(statistic = c("meanRank", "n"), value = num(c(rk$mean_rank, rk$n_valid_events)),
                     source = "EventStudy::RankTest"),
          "rank-outputs.csv", row.names = FALSE, quote = FALSE)

cat("R", R.version.string, "\nEventStudy", as.character(packageVersion("EventStudy")),
    "\nestudy2", as.character(packageVersion("estudy2")), "\n")
