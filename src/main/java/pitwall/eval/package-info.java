/** Walk-forward backtests and the race metrics defined in DESIGN.md (winner, podium, top 10, Spearman, MAE, log loss, Brier). */
package pitwall.eval;
