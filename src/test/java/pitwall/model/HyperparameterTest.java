package pitwall.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Each kind's table of hyperparameters is the one source of its defaults, MLflow params, parsing and ranges. */
class HyperparameterTest {

    static List<String> kinds() {
        return ModelCatalog.kinds();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void theParamsWrittenAreTheTableWithItsDefaults(String kind) {
        Map<String, String> written = ModelCatalog.paramsOf(ModelCatalog.create(kind));
        for (Hyperparameter<?> param : ModelCatalog.hyperparameters(kind)) {
            assertEquals(defaultText(param), written.get(param.name()), kind + " " + param.name());
        }
        List<String> own = written.keySet().stream().filter(key -> !key.contains(".")).toList();
        assertEquals(own.stream().sorted().toList(), names(kind).stream().sorted().toList(), kind);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void everyParamRoundTripsThroughParsingAtAValueOtherThanItsDefault(String kind) {
        Map<Hyperparameter<?>, String> changes = valuesFor(kind, HyperparameterTest::otherValidValue);
        changes.forEach((param, other) -> {
            Map<String, String> written = ModelCatalog.paramsOf(ModelCatalog.create(kind, Map.of(param.name(), other)));
            assertEquals(other, written.get(param.name()), kind + " " + param.name());
            assertEquals(written, ModelCatalog.paramsOf(ModelCatalog.create(kind, written)), kind + " " + param.name());
        });
        assertTrue(changes.size() >= 2, kind + " changed only " + changes.keySet());
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void anOutOfRangeValueIsRefusedNamingKindParamAndRange(String kind) {
        Map<Hyperparameter<?>, String> outOfRange = valuesFor(kind, HyperparameterTest::outOfRange);
        outOfRange.forEach((param, bad) -> assertEquals(kind + ": " + param.name() + " must be "
                + param.range().text() + ", got " + bad, refusal(kind, Map.of(param.name(), bad))));
        assertFalse(outOfRange.isEmpty(), kind);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void anUnknownParamIsRefusedListingTheKnownOnes(String kind) {
        String error = refusal(kind, Map.of("learningRate", "0.1"));
        assertTrue(error.startsWith(kind + ": unknown parameter [learningRate]; " + kind + " takes ["), error);
        for (String name : names(kind)) {
            assertTrue(error.contains(name), error + " lacks " + name);
        }
    }

    @Test
    void aWrongTypeNamesWhatTheParamMustBe() {
        assertEquals("stacked: parameter 'penalty' must be a number, got 'small'",
                refusal("stacked", Map.of("penalty", "small")));
        assertEquals("gbt-win: parameter 'target' must be win, got 'podium'",
                refusal("gbt-win", Map.of("target", "podium")));
    }

    @Test
    void theListingGivesTypeDefaultRangeAndDoc() {
        List<String> lines = ModelCatalog.hyperparameters("gbt-position").stream().map(Hyperparameter::describe)
                .toList();
        assertTrue(lines.contains("shrinkage (a number, default 0.1, in (0, 1]): learning rate"), lines.toString());
        assertTrue(lines.contains("trees (an integer, default 80, in 1..5000): boosting iterations"), lines.toString());
        assertTrue(lines.contains("holdout (a number, default 0.0, in [0, 0.5]): share of the most recent training "
                + "races held out to fit the PL temperature on honest scores"), lines.toString());
        assertTrue(ModelCatalog.hyperparameters("rf-win").stream().map(Hyperparameter::describe)
                .anyMatch(line -> line.startsWith("trees (an integer, default 60, in 1..5000)")));
        assertEquals(List.of("seed", "samples"), names("grid"));
        assertThrows(IllegalArgumentException.class, () -> ModelCatalog.hyperparameters("xgboost"));
    }

    @Test
    void aDirectlyBuiltOptionOutOfRangeIsRefusedByTheTrainer() {
        var error = assertThrows(IllegalArgumentException.class, () -> new TreeTrainer("gbt-win", Target.WIN,
                new BoostOptions(80, 3, 8, 20, 0.1, 1.5), FitOptions.DEFAULTS));
        assertEquals("gbt-win: subsample must be in (0, 1], got 1.5", error.getMessage());
        var fit = assertThrows(IllegalArgumentException.class, () -> new TreeTrainer("rf-win", Target.WIN,
                ForestOptions.DEFAULTS, new FitOptions(1, 0, 20, 0.0, "forest")));
        assertEquals("rf-win: samples must be in 1..1000000, got 0", fit.getMessage());
    }

    record Mismatched(int trees, double shrinkage) {
    }

    @Test
    void aTableThatDriftsFromItsRecordFailsWhenBuilt() {
        var error = assertThrows(IllegalStateException.class, () -> new ParamTable<>(Mismatched.class,
                TreeParams.trees(5, "trees"), TreeParams.subsample(0.5, "rows")));
        assertTrue(error.getMessage().contains("Mismatched declares [trees:int, shrinkage:double]"),
                error.getMessage());
        assertThrows(IllegalStateException.class, () -> TreeParams.trees(0, "no trees"));
    }

    private static String refusal(String kind, Map<String, String> params) {
        return assertThrows(IllegalArgumentException.class, () -> ModelCatalog.create(kind, params)).getMessage();
    }

    /** For each of a kind's params, the value a rule picks, if it picks one. */
    private static Map<Hyperparameter<?>, String> valuesFor(String kind,
                                                          Function<Hyperparameter<?>, Optional<String>> rule) {
        Map<Hyperparameter<?>, String> values = new LinkedHashMap<>();
        for (Hyperparameter<?> param : ModelCatalog.hyperparameters(kind)) {
            rule.apply(param).ifPresent(value -> values.put(param, value));
        }
        return values;
    }

    private static List<String> names(String kind) {
        return ModelCatalog.hyperparameters(kind).stream().map(Hyperparameter::name).toList();
    }

    private static <T> String defaultText(Hyperparameter<T> param) {
        return param.format(param.defaultValue());
    }

    /** A valid value other than the default, in the form MLflow params carry; empty for fixed and free text. */
    private static <T> Optional<String> otherValidValue(Hyperparameter<T> param) {
        List<String> candidates = new ArrayList<>();
        T value = param.defaultValue();
        switch (value) {
            case Integer i -> candidates.addAll(List.of(Integer.toString(i + 1), Integer.toString(i - 1)));
            case Long l -> candidates.add(Long.toString(l + 1));
            case Double d -> candidates.addAll(List.of(Double.toString(d / 2), Double.toString(d + 0.1)));
            default -> {
                if (param.type() != Hyperparameter.Type.TEXT) {
                    candidates.addAll(List.of(param.type().what().split(" or ")));
                }
            }
        }
        return candidates.stream().filter(raw -> !raw.equals(defaultText(param)))
                .filter(raw -> accepts(param, raw)).findFirst();
    }

    /** A value of the right type outside the range; empty when every value of the type is allowed. */
    private static <T> Optional<String> outOfRange(Hyperparameter<T> param) {
        List<String> candidates = switch (param.defaultValue()) {
            case Integer i -> List.of("-1", "0", "21", "2001", "5001", "1000001");
            case Double d -> List.of("-0.5", "0.0", "1.5", "Infinity");
            default -> List.<String>of();
        };
        return candidates.stream().filter(raw -> !accepts(param, raw)).findFirst();
    }

    private static <T> boolean accepts(Hyperparameter<T> param, String raw) {
        try {
            param.requireValid(param.parse(raw));
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
