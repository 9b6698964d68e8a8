/**
 * Ranking models: Smile ensembles and non-ML baselines that turn a race's entrants into an order with probabilities.
 *
 * <p>Every model is a {@link pitwall.model.ScoredModel}: a {@link pitwall.model.RaceScorer} scores each entrant,
 * the order is the scores descending (ties by driverId), and a {@link pitwall.model.PlackettLuce} distribution with
 * a fitted temperature turns scores into coherent win and podium probabilities and a position interval.
 * Variants are built by kind name from {@link pitwall.model.ModelCatalog}.
 */
package pitwall.model;
