package pitwall.eval;

import java.time.Duration;

/**
 * Receives the progress of a backtest, one event per finished step (a fit and the predictions it serves). Events come
 * one at a time (never concurrently) though possibly from a worker thread; steps of parallel fits may finish out of
 * order, but {@code step} always counts up.
 */
@FunctionalInterface
public interface BacktestListener {

    /** Ignores every event. */
    BacktestListener NONE = progress -> { };

    void onProgress(Progress progress);

    /**
     * One finished step.
     *
     * @param variant    the variant whose step finished
     * @param unit       what was fitted for: a season ({@code 2023}) or a race ({@code 2023 R5})
     * @param step       steps finished so far over the whole backtest, 1..totalSteps
     * @param totalSteps steps of the whole backtest (all variants)
     * @param elapsed    time since the backtest started
     */
    record Progress(String variant, String unit, int step, int totalSteps, Duration elapsed) {

        /** Fraction done, 0..1. */
        public double fraction() {
            return totalSteps == 0 ? 1 : step / (double) totalSteps;
        }

        /** Remaining time if the remaining steps take as long as the finished ones did on average. */
        public Duration eta() {
            if (step == 0) {
                return Duration.ZERO;
            }
            return elapsed.multipliedBy(totalSteps - step).dividedBy(step);
        }
    }
}
