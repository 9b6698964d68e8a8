package pitwall.data;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The body of {@code POST /api/admin/predictions}: one model version's predictions for one race. Validated here with
 * the Worker's rules, so a bad batch fails before it reaches the network.
 */
public record PredictionBatch(int raceId, String modelVersion, List<PredictionRow> predictions) {

    /** The Worker's rule for model versions. */
    public static final Pattern MODEL_VERSION = Pattern.compile("[A-Za-z0-9._:-]{1,100}");
    /** At most this many rows per batch. */
    public static final int MAX_ROWS = 100;

    public PredictionBatch {
        if (raceId <= 0) {
            throw new IllegalArgumentException("raceId must be positive, got " + raceId);
        }
        Objects.requireNonNull(modelVersion, "modelVersion");
        if (!MODEL_VERSION.matcher(modelVersion).matches()) {
            throw new IllegalArgumentException("modelVersion must be 1-100 characters of [A-Za-z0-9._:-], got '"
                    + modelVersion + "'");
        }
        predictions = List.copyOf(Objects.requireNonNull(predictions, "predictions"));
        if (predictions.isEmpty() || predictions.size() > MAX_ROWS) {
            throw new IllegalArgumentException("a batch holds 1-" + MAX_ROWS + " predictions, got "
                    + predictions.size() + " for race " + raceId);
        }
        Set<Integer> drivers = new HashSet<>();
        Set<Integer> positions = new HashSet<>();
        for (PredictionRow row : predictions) {
            if (!drivers.add(row.driverId())) {
                throw new IllegalArgumentException("driver " + row.driverId() + " appears twice in the batch for race "
                        + raceId);
            }
            if (!positions.add(row.predictedPosition())) {
                throw new IllegalArgumentException("predictedPosition " + row.predictedPosition()
                        + " is given to two drivers in the batch for race " + raceId);
            }
        }
    }
}
