package pitwall.eval;

import java.time.Duration;
import java.time.LocalDateTime;

/**
 * One model fit of a backtest and what it was allowed to see: the audit trail of the walk-forward protocol.
 *
 * @param unit              what the fit served: a season ({@code 2023}) or a race ({@code 2023 R5})
 * @param trainingRaces     races in the training rows
 * @param trainingRows      entrant rows in the training set
 * @param lastTrainingStart start of the latest training race, null when there was none
 * @param firstTestStart    start of the first race this fit predicted; always after {@code lastTrainingStart}
 * @param predictedRaces    races predicted with this fit
 * @param fitTime           wall time of {@code fit}
 */
public record Fit(String variant, String unit, int trainingRaces, int trainingRows, LocalDateTime lastTrainingStart,
                  LocalDateTime firstTestStart, int predictedRaces, Duration fitTime) {
}
