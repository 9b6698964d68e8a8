package pitwall.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.IntUnaryOperator;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import pitwall.model.PredictedEntrant;

/** The per-race CSV artifacts of a backtest: metrics per (variant, race) and predictions per (variant, race, entrant). */
final class BacktestCsv {

    private BacktestCsv() {}

    static String raceMetrics(List<VariantResult> variants) {
        StringBuilder csv = new StringBuilder(RACE_METRICS_HEADER);
        for (VariantResult variant : variants) {
            csv.append(raceMetricsRows(variant.name(), variant.kind(), variant.metrics()));
        }
        return csv.toString();
    }

    static final String RACE_METRICS_HEADER = "variant,kind,raceId,year,round,entrants"
            + Arrays.stream(Metric.values()).map(m -> "," + m.key()).collect(Collectors.joining()) + "\n";

    /** One variant's lines of {@link #raceMetrics}, without the header. */
    static String raceMetricsRows(String name, Variant.Kind kind, List<RaceMetrics> races) {
        StringBuilder csv = new StringBuilder();
        for (RaceMetrics race : races) {
            StringJoiner row = new StringJoiner(",");
            row.add(CellFormat.csvText(name)).add(kind.key())
                    .add(String.valueOf(race.raceId())).add(String.valueOf(race.year()))
                    .add(String.valueOf(race.round())).add(String.valueOf(race.entrants()));
            for (Metric m : Metric.values()) {
                row.add(CellFormat.csvNumber(race.value(m)));
            }
            csv.append(row).append('\n');
        }
        return csv.toString();
    }

    /**
     * Reads {@link #raceMetrics} back: each variant's races in file order. Columns are found by name, so a file
     * written before a metric existed reads with that metric NaN; an empty cell is NaN. Fails naming the line.
     */
    static Map<String, List<RaceMetrics>> readRaceMetrics(String csv, String origin) {
        List<String> lines = csv.lines().filter(l -> !l.isBlank()).toList();
        if (lines.isEmpty()) {
            throw new IllegalArgumentException(origin + ": empty");
        }
        List<String> header = List.of(lines.getFirst().split(",", -1));
        for (String required : List.of("variant", "raceId", "year", "round", "entrants", "winner")) {
            if (!header.contains(required)) {
                throw new IllegalArgumentException(origin + ": no column '" + required + "' in " + header);
            }
        }
        Map<String, List<RaceMetrics>> byVariant = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split(",", -1);
            if (fields.length != header.size()) {
                throw new IllegalArgumentException(origin + ": line '" + line + "' has " + fields.length
                        + " fields, the header " + header.size());
            }
            try {
                ToDoubleFunction<String> number = name -> {
                    int i = header.indexOf(name);
                    return i < 0 || fields[i].isEmpty() ? Double.NaN : Double.parseDouble(fields[i]);
                };
                IntUnaryOperator whole = i -> Integer.parseInt(fields[i]);
                String variant = fields[header.indexOf("variant")];
                byVariant.computeIfAbsent(variant, k -> new ArrayList<>()).add(new RaceMetrics(
                        whole.applyAsInt(header.indexOf("raceId")), whole.applyAsInt(header.indexOf("year")),
                        whole.applyAsInt(header.indexOf("round")), variant,
                        whole.applyAsInt(header.indexOf("entrants")), number.applyAsDouble("winner") == 1,
                        number.applyAsDouble(Metric.PODIUM.key()), number.applyAsDouble(Metric.TOP10.key()),
                        number.applyAsDouble(Metric.SPEARMAN.key()), number.applyAsDouble(Metric.MAE.key()),
                        number.applyAsDouble(Metric.WIN_LOG_LOSS.key()), number.applyAsDouble(Metric.WIN_BRIER.key()),
                        number.applyAsDouble(Metric.PODIUM_BRIER.key()), number.applyAsDouble(Metric.DNF_LOG_LOSS.key()),
                        number.applyAsDouble(Metric.DNF_BRIER.key()),
                        number.applyAsDouble(Metric.DNF_BASE_LOG_LOSS.key()),
                        number.applyAsDouble(Metric.DNF_BASE_BRIER.key())));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(origin + ": line '" + line + "': " + e.getMessage(), e);
            }
        }
        return byVariant;
    }

    static String predictions(List<VariantResult> variants) {
        StringBuilder csv = new StringBuilder("variant,kind,raceId,year,round,driverId,constructorId,"
                + "predictedPosition,actualPosition,score,winProb,podiumProb,dnfProb,intervalLow,intervalHigh\n");
        for (VariantResult variant : variants) {
            for (RaceEvaluation race : variant.races()) {
                Map<Integer, Integer> actual = race.outcome().ranks();
                for (PredictedEntrant e : race.prediction().entrants()) {
                    StringJoiner row = new StringJoiner(",");
                    row.add(CellFormat.csvText(variant.name())).add(variant.kind().key())
                            .add(String.valueOf(race.outcome().raceId()))
                            .add(String.valueOf(race.outcome().year()))
                            .add(String.valueOf(race.outcome().round()))
                            .add(String.valueOf(e.driverId())).add(String.valueOf(e.constructorId()))
                            .add(String.valueOf(e.predictedPosition())).add(String.valueOf(actual.get(e.driverId())))
                            .add(CellFormat.csvNumber(e.score())).add(CellFormat.csvNumber(e.winProb()))
                            .add(CellFormat.csvNumber(e.podiumProb())).add(CellFormat.csvNumber(e.dnfProb()))
                            .add(CellFormat.csvNumber(e.intervalLow())).add(CellFormat.csvNumber(e.intervalHigh()));
                    csv.append(row).append('\n');
                }
            }
        }
        return csv.toString();
    }
}
