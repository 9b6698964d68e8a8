package pitwall.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import pitwall.features.EntrantRow;
import pitwall.features.FeatureSet;

/** Fitted models survive Java serialization behind an allow-list filter, as the export bundle will use it. */
class SerializationTest {

    /** The packages a fitted pitwall model reaches; everything else is rejected. */
    static final String FILTER = "pitwall.model.**;smile.**;java.base/*;!*";

    private static final FeatureSet SET = Synthetic.set(2);
    private static final List<EntrantRow> TRAINING = Synthetic.races(60, 20, 2, 0.5, 4L);
    private static final List<EntrantRow> RACE = Synthetic.races(61, 20, 2, 0.5, 4L).subList(60 * 20, 61 * 20);

    @ParameterizedTest
    @ValueSource(strings = {"grid", "standings", "rf-position", "gbt-podium", "adaboost-win", "average", "stacked"})
    void fittedModelsRoundTrip(String kind) throws Exception {
        RankingModel model = ModelCatalog.create(kind, small(kind)).fit(SET, TRAINING);
        RankingModel copy = (RankingModel) read(write(model), FILTER);
        assertEquals(model.predict(RACE), copy.predict(RACE));
    }

    @Test
    void theFilterRejectsOtherClasses() throws Exception {
        byte[] bytes = write(new java.util.Vector<>(List.of(1)));
        assertThrows(InvalidClassException.class, () -> read(bytes, "pitwall.model.**;smile.**;!*"));
    }

    private static Map<String, String> small(String kind) {
        return switch (kind) {
            case "grid", "standings" -> Map.of();
            case "average" -> Map.of("members", "rf-position,gbt-podium", "rf-position.trees", "5",
                    "gbt-podium.trees", "5", "dnfTrees", "5");
            case "stacked" -> Map.of("members", "grid,gbt-position", "gbt-position.trees", "5", "dnfTrees", "5");
            default -> Map.of("trees", "5", "dnfTrees", "5");
        };
    }

    private static byte[] write(Object object) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        }
        return bytes.toByteArray();
    }

    private static Object read(byte[] bytes, String filter) throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            in.setObjectInputFilter(ObjectInputFilter.Config.createFilter(filter));
            return in.readObject();
        }
    }
}
