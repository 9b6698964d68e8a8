package pitwall.track;

import java.util.Objects;

/**
 * An MLflow experiment: the container of runs.
 *
 * @param id               the store's id ("0" is MLflow's Default experiment)
 * @param name             unique name
 * @param artifactLocation where the store puts the runs' artifacts ({@code file:///…} or {@code mlflow-artifacts:/…})
 */
public record Experiment(String id, String name, String artifactLocation) {
    public Experiment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
    }
}
