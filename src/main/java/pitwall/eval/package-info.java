/**
 * Walk-forward backtests and the race metrics (winner, podium, top 10, Spearman, MAE, log loss, Brier), defined in
 * docs/metrics.md#one-race.
 */
package pitwall.eval;
