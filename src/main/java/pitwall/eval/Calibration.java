package pitwall.eval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The calibration of a variant's win and podium probabilities over its backtest's races: reliability bins and the
 * expected calibration error of each (docs/metrics.md#calibration).
 */
public record Calibration(Reliability win, Reliability podium) {

    /** Summary metric keys, as logged on each variant's run. */
    public static final String WIN_ECE = "winEce";
    public static final String PODIUM_ECE = "podiumEce";
    /** The artifact of each variant's run. */
    public static final String ARTIFACT = "calibration.csv";

    public static Calibration of(List<RaceEvaluation> races) {
        return new Calibration(Reliability.win(races), Reliability.podium(races));
    }

    /** {@code winEce} and {@code podiumEce}. */
    public Map<String, Double> summary() {
        Map<String, Double> map = new LinkedHashMap<>();
        map.put(WIN_ECE, win.ece());
        map.put(PODIUM_ECE, podium.ece());
        return map;
    }

    /** One row per event and bin: event, bin, lower, upper, count, meanPredicted, observed (empty when no forecast). */
    public String csv() {
        StringBuilder csv = new StringBuilder("event,bin,lower,upper,count,meanPredicted,observed\n");
        for (Reliability r : List.of(win, podium)) {
            for (Reliability.Bin b : r.bins()) {
                csv.append(r.event()).append(',').append(b.index()).append(',')
                        .append(CellFormat.csvNumber(b.lower())).append(',').append(CellFormat.csvNumber(b.upper()))
                        .append(',').append(b.count()).append(',').append(CellFormat.csvNumber(b.meanPredicted()))
                        .append(',').append(CellFormat.csvNumber(b.observed())).append('\n');
            }
        }
        return csv.toString();
    }
}
