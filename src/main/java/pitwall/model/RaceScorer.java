package pitwall.model;

import java.io.Serializable;
import java.util.List;
import pitwall.features.EntrantRow;

/** Scores the entrants of one race: higher means expected further ahead. The per-variant part of a model. */
@FunctionalInterface
public interface RaceScorer extends Serializable {

    /** One finite score per row, in the rows' order. */
    double[] score(List<EntrantRow> race);
}
