package pitwall.model;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import pitwall.features.EntrantRow;

/** Probability that each entrant of a race is not classified (retires, is disqualified, does not start). */
@FunctionalInterface
public interface DnfModel extends Serializable {

    /** Rate used when nothing was fitted: roughly the share of unclassified entrants in recent seasons. */
    double DEFAULT_RATE = 0.15;

    double[] probabilities(List<EntrantRow> race);

    /** The same rate for every entrant. */
    static DnfModel baseRate(double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("DNF rate must be in [0, 1], got " + rate);
        }
        return new BaseRate(rate);
    }

    /** The base rate of unclassified entrants among training rows whose outcome is known. */
    static DnfModel baseRate(List<EntrantRow> training) {
        return baseRate(trainingRate(training));
    }

    /**
     * The share of unclassified entrants among training rows whose outcome is known ({@link #DEFAULT_RATE} when
     * none is): what a DNF probability must beat.
     */
    static double trainingRate(List<EntrantRow> training) {
        long known = training.stream().filter(r -> r.classified() != null).count();
        long dnf = training.stream().filter(r -> Boolean.FALSE.equals(r.classified())).count();
        return known == 0 ? DEFAULT_RATE : (double) dnf / known;
    }

    /** A constant rate for every entrant. */
    record BaseRate(double rate) implements DnfModel {
        @Override
        public double[] probabilities(List<EntrantRow> race) {
            double[] p = new double[race.size()];
            Arrays.fill(p, rate);
            return p;
        }
    }
}
