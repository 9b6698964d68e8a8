package pitwall.eval;

import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import pitwall.model.PredictedEntrant;

/** The per-race CSV artifacts of a backtest: metrics per (variant, race) and predictions per (variant, race, entrant). */
final class BacktestCsv {

    private BacktestCsv() {}

    static String raceMetrics(List<VariantResult> variants) {
        StringBuilder csv = new StringBuilder("variant,kind,raceId,year,round,entrants");
        for (Metric m : Metric.values()) {
            csv.append(',').append(m.key());
        }
        csv.append('\n');
        for (VariantResult variant : variants) {
            for (RaceMetrics race : variant.metrics()) {
                StringJoiner row = new StringJoiner(",");
                row.add(CellFormat.csvText(variant.name())).add(variant.kind().key())
                        .add(String.valueOf(race.raceId())).add(String.valueOf(race.year()))
                        .add(String.valueOf(race.round())).add(String.valueOf(race.entrants()));
                for (Metric m : Metric.values()) {
                    row.add(CellFormat.csvNumber(race.value(m)));
                }
                csv.append(row).append('\n');
            }
        }
        return csv.toString();
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
