package pitwall.eval;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import pitwall.features.EntrantRow;
import pitwall.features.FeatureSet;
import pitwall.local.Sha256;
import pitwall.model.ModelCatalog;

/**
 * The {@link FitCache} key of one walk-forward fold, as readable text: everything a fold's predictions depend on.
 * The data enter as a digest of the very rows the fit trains on and predicts (every field, features bit for bit),
 * which covers the data snapshot, the feature code and the data range at once.
 */
public final class FoldKey {

    private FoldKey() {
    }

    /**
     * The key of a fit on every row of {@code training} (no test races), e.g. the model an export would ship; null
     * when the trainer is not one the catalog describes.
     */
    public static String ofAll(FeatureSet set, Variant variant, Integer trainFrom, List<EntrantRow> training) {
        BacktestOptions options = BacktestOptions.defaults().withTrainFromYear(null);
        return of(set, variant, options, "all rows from " + trainFrom, null, List.of(), rowsDigest(training, List.of()));
    }

    /** The key, or null when the variant's trainer is not one {@link ModelCatalog} can describe by its params. */
    static String of(FeatureSet set, Variant variant, BacktestOptions options, String unit, LocalDateTime cutoff,
                     List<List<EntrantRow>> testRaces, String rowsDigest) {
        Map<String, String> params = ModelCatalog.paramsOf(variant.trainer());
        if (params.isEmpty()) {
            return null; // a trainer built outside the catalog: its settings are unknown, so never reuse its folds
        }
        StringBuilder key = new StringBuilder("pitwall walk-forward fold\n");
        key.append("code ").append(CodeVersion.current()).append('\n');
        key.append("featureSet ").append(set.name()).append('\n');
        key.append("features ").append(String.join(",", set.names())).append('\n');
        key.append("variant ").append(variant.name()).append('\n');
        key.append("kind ").append(variant.kind().key()).append('\n');
        key.append("trainer ").append(variant.trainer().getClass().getName()).append(' ')
                .append(variant.trainer().name()).append('\n');
        new TreeMap<>(params).forEach((k, v) -> key.append("param ").append(k).append('=').append(v).append('\n'));
        key.append("retrain ").append(options.retrain()).append('\n');
        key.append("trainFrom ").append(options.trainFromYear()).append('\n');
        key.append("unit ").append(unit).append('\n');
        key.append("cutoff ").append(cutoff).append('\n');
        key.append("test ").append(testRaces.stream().map(r -> String.valueOf(r.getFirst().raceId()))
                .collect(Collectors.joining(","))).append('\n');
        key.append("rows ").append(rowsDigest).append('\n');
        return key.toString();
    }

    /** SHA-256 of the training rows, then the test races' rows, every field. */
    static String rowsDigest(List<EntrantRow> training, List<List<EntrantRow>> testRaces) {
        MessageDigest digest = Sha256.newDigest();
        ByteBuffer buffer = ByteBuffer.allocate(4096);
        update(digest, buffer, training);
        digest.update((byte) '|');
        for (List<EntrantRow> race : testRaces) {
            update(digest, buffer, race);
        }
        return Sha256.hex(digest);
    }

    private static void update(MessageDigest digest, ByteBuffer buffer, List<EntrantRow> rows) {
        for (EntrantRow row : rows) {
            byte[] start = row.start().toString().getBytes(StandardCharsets.US_ASCII);
            int size = 7 * Integer.BYTES + 1 + start.length + Integer.BYTES + row.features().length * Long.BYTES;
            if (buffer.capacity() < size) {
                buffer = ByteBuffer.allocate(size);
            }
            buffer.clear();
            buffer.putInt(row.raceId()).putInt(row.year()).putInt(row.round()).putInt(row.driverId())
                    .putInt(row.constructorId())
                    .putInt(row.grid() == null ? Integer.MIN_VALUE : row.grid())
                    .putInt(row.positionOrder() == null ? Integer.MIN_VALUE : row.positionOrder())
                    .put((byte) (row.classified() == null ? 2 : row.classified() ? 1 : 0))
                    .put(start)
                    .putInt(row.features().length);
            for (double value : row.features()) {
                buffer.putLong(Double.doubleToRawLongBits(value));
            }
            buffer.flip();
            digest.update(buffer);
        }
    }
}
