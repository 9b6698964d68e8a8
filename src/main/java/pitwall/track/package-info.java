/** Experiment tracking: an MLflow tracking server through mlflow-client, or a local store in MLflow's file layout. */
package pitwall.track;
