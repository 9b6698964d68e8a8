/** Experiment specs (JSON), the runner that evaluates their variants, and reproducible reruns. */
package pitwall.experiment;
