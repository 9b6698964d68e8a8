/**
 * Experiment tracking: an MLflow tracking server through mlflow-client (with a local spool that keeps runs while the
 * server is unreachable, and {@code runs sync} to upload them), or a local store in MLflow's file layout.
 */
package pitwall.track;
