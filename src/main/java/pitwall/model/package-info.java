/** Ranking models: Smile ensembles and non-ML baselines that turn a race's entrants into an order with probabilities. */
package pitwall.model;
