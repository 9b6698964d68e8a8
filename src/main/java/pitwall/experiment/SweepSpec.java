package pitwall.experiment;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import pitwall.eval.Metric;
import pitwall.model.Hyperparameter;
import pitwall.model.ModelCatalog;

/**
 * A hyperparameter sweep: which variant of a base experiment spec to tune, over which search space, how trials are
 * drawn, and how many. Trials are scored on the base spec's validation range by its primary metric (or
 * {@code objective}); the test range is never looked at.
 *
 * <pre>{@code
 * {"name": "sweep-gbt-position", "base": "ensembles.json", "variant": "gbt-position",
 *  "space": {"trees": {"min": 100, "max": 500}, "shrinkage": {"min": 0.01, "max": 0.3, "log": true},
 *            "maxDepth": {"choices": [4, 6, 8]}},
 *  "strategy": "random", "trials": 24, "seed": 7}
 * }</pre>
 *
 * @param base     the experiment spec the trials start from, relative to this file's folder
 * @param variant  the variant of the base spec whose params are tuned (its other params stay as the base sets them)
 * @param space    param name → its range: {@code choices}, or {@code min}/{@code max} (integers when both are
 *                 integers), {@code log} for a log scale, {@code steps} for the grid
 * @param strategy {@code random} (seeded) or {@code grid} (every combination, in order)
 * @param trials   the budget: trials drawn (random) or the most grid points allowed
 */
@JsonPropertyOrder({"name", "description", "base", "variant", "space", "strategy", "trials", "seed", "objective"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SweepSpec(String name, String description, String base, String variant, Map<String, Range> space,
                        String strategy, Integer trials, Long seed, String objective) {

    /** The most trials a sweep may ask for: a budget, not a typo's worth of hours. */
    public static final int MAX_TRIALS = 1000;
    /** Grid points of a numeric range without {@code steps}. */
    public static final int DEFAULT_STEPS = 5;

    /** One dimension of the search space. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Range(List<Object> choices, Number min, Number max, Boolean log, Integer steps) {

        boolean integers() {
            return (min instanceof Integer || min instanceof Long) && (max instanceof Integer || max instanceof Long);
        }

        /** A random value: a choice, a uniform integer, or a uniform (log-uniform) number. */
        Object draw(Random random) {
            if (choices != null) {
                return choices.get(random.nextInt(choices.size()));
            }
            if (integers()) {
                return (int) (min.longValue() + random.nextLong(max.longValue() - min.longValue() + 1));
            }
            double u = random.nextDouble();
            double value = Boolean.TRUE.equals(log)
                    ? Math.exp(Math.log(min.doubleValue()) + u * (Math.log(max.doubleValue())
                    - Math.log(min.doubleValue())))
                    : min.doubleValue() + u * (max.doubleValue() - min.doubleValue());
            // Four significant digits: finer steps change no fit measurably and make params unreadable.
            return Math.min(max.doubleValue(), Math.max(min.doubleValue(),
                    new java.math.BigDecimal(value).round(new java.math.MathContext(4)).doubleValue()));
        }

        /** The grid values: the choices, or {@code steps} evenly spaced values (log-spaced with {@code log}). */
        List<Object> gridValues() {
            if (choices != null) {
                return choices;
            }
            List<Object> values = new ArrayList<>();
            if (integers()) {
                long lo = min.longValue();
                long hi = max.longValue();
                int n = (int) Math.min(hi - lo + 1, steps == null ? DEFAULT_STEPS : steps);
                for (int i = 0; i < n; i++) {
                    int v = (int) Math.round(n == 1 ? lo : lo + (double) i * (hi - lo) / (n - 1));
                    if (!values.contains(v)) {
                        values.add(v);
                    }
                }
                return values;
            }
            int n = steps == null ? DEFAULT_STEPS : steps;
            double lo = min.doubleValue();
            double hi = max.doubleValue();
            for (int i = 0; i < n; i++) {
                double t = n == 1 ? 0 : (double) i / (n - 1);
                values.add(Boolean.TRUE.equals(log) ? Math.exp(Math.log(lo) + t * (Math.log(hi) - Math.log(lo)))
                        : lo + t * (hi - lo));
            }
            return values;
        }
    }

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.USE_LONG_FOR_INTS)
            .build();

    /** Reads and validates a sweep spec; every problem names the file and the field. */
    public static SweepSpec read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new SpecException("sweep spec " + file + " does not exist (sweeps live in experiments/sweep-*.json)");
        } catch (IOException e) {
            throw new SpecException("cannot read sweep spec " + file + ": " + e.getMessage(), e);
        }
        return parse(text, file.toString());
    }

    public static SweepSpec parse(String json, String origin) {
        SweepSpec spec;
        try {
            spec = JSON.readValue(json, SweepSpec.class);
        } catch (UnrecognizedPropertyException e) {
            throw new SpecException(origin + ": unknown field '" + e.getPropertyName() + "'; known fields there: "
                    + e.getKnownPropertyIds());
        } catch (MismatchedInputException e) {
            throw new SpecException(origin + ": a field has the wrong type: " + e.getOriginalMessage().split("\n")[0]);
        } catch (JsonProcessingException e) {
            throw new SpecException(origin + ": not valid JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        }
        if (spec == null) {
            throw new SpecException(origin + ": empty sweep spec");
        }
        return spec.normalised().checkedShape(origin);
    }

    /** Ints read as longs (so any JSON integer fits) become ints where they fit, as ModelCatalog parses them. */
    private SweepSpec normalised() {
        if (space == null) {
            return this;
        }
        Map<String, Range> normal = new LinkedHashMap<>();
        space.forEach((k, r) -> normal.put(k, r == null ? null : new Range(
                r.choices() == null ? null : r.choices().stream().map(SweepSpec::narrow).toList(),
                (Number) narrow(r.min()), (Number) narrow(r.max()), r.log(), r.steps())));
        return new SweepSpec(name, description, base, variant, normal, strategy, trials, seed, objective);
    }

    private static Object narrow(Object value) {
        return value instanceof Long l && l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE ? (Object) l.intValue()
                : value;
    }

    private SweepSpec checkedShape(String origin) {
        require(name != null && name.matches("[A-Za-z0-9._-]{1,100}"), origin, "name",
                "1-100 letters, digits, '.', '_' or '-'", name);
        require(base != null && !base.isBlank(), origin, "base", "the base experiment spec's file, e.g. "
                + "\"ensembles.json\"", base);
        require(variant != null, origin, "variant", "the name of a variant of the base spec", null);
        require(space != null && !space.isEmpty(), origin, "space", "a non-empty object: param → range", space);
        require(strategy == null || strategy.equals("random") || strategy.equals("grid"), origin, "strategy",
                "'random' or 'grid'", strategy);
        require(trials != null && trials >= 1 && trials <= MAX_TRIALS, origin, "trials",
                "a budget from 1 to " + MAX_TRIALS, trials);
        require(seed != null, origin, "seed", "an integer", null);
        space.forEach((param, r) -> {
            String field = "space." + param;
            require(r != null, origin, field, "an object with choices, or min and max", null);
            if (r.choices() != null) {
                require(!r.choices().isEmpty() && r.min() == null && r.max() == null && r.log() == null, origin,
                        field, "either a non-empty choices list or min/max, not both", r.choices());
                return;
            }
            require(r.min() != null && r.max() != null, origin, field + ".min/max", "both given", null);
            require(r.min().doubleValue() < r.max().doubleValue(), origin, field + ".max",
                    "greater than min (" + r.min() + ")", r.max());
            require(!Boolean.TRUE.equals(r.log()) || r.min().doubleValue() > 0, origin, field + ".min",
                    "above 0 on a log scale", r.min());
            require(r.steps() == null || (r.steps() >= 1 && r.steps() <= 100), origin, field + ".steps",
                    "from 1 to 100", r.steps());
        });
        return this;
    }

    /**
     * The base spec, resolved against the sweep file's folder, checked to have the variant and a validation range,
     * and the space's params checked against the variant's kind (its lowest and highest values build a trainer).
     */
    public ExperimentSpec baseSpec(Path sweepFile) {
        Path dir = sweepFile.toAbsolutePath().getParent();
        ExperimentSpec spec = ExperimentSpec.read(dir.resolve(base));
        String origin = sweepFile.toString();
        ExperimentSpec.VariantSpec tuned = spec.variants().stream().filter(v -> v.name().equals(variant))
                .findFirst().orElseThrow(() -> new SpecException(origin + ": variant must be one of the base spec's "
                        + spec.variants().stream().map(ExperimentSpec.VariantSpec::name).toList() + ", got '"
                        + variant + "'"));
        if (spec.isBaseline(tuned)) {
            throw new SpecException(origin + ": variant '" + variant + "' is a baseline (" + tuned.kind()
                    + "); it has nothing to tune");
        }
        if (!spec.evaluation().validates()) {
            throw new SpecException(origin + ": the base spec " + base + " has no validation range "
                    + "(evaluation.validateFrom/validateTo); a sweep chooses on validation, never on the test range");
        }
        Set<String> known = new HashSet<>();
        for (Hyperparameter<?> h : ModelCatalog.hyperparameters(tuned.kind())) {
            known.add(h.name());
        }
        for (var e : space.entrySet()) {
            if (!known.contains(e.getKey()) && !e.getKey().contains(".")) {
                throw new SpecException(origin + ": space." + e.getKey() + ": " + tuned.kind() + " has no param '"
                        + e.getKey() + "'; its params: " + known.stream().sorted().toList());
            }
            List<Object> ends = e.getValue().choices() != null ? e.getValue().choices()
                    : List.of(e.getValue().gridValues().getFirst(), e.getValue().gridValues().getLast());
            for (Object value : ends) {
                Map<String, Object> params = new HashMap<>(tuned.params());
                params.put(e.getKey(), value);
                try {
                    ModelCatalog.create(tuned.kind(), spec.withSeed(params));
                } catch (IllegalArgumentException ex) {
                    throw new SpecException(origin + ": space." + e.getKey() + ": " + ex.getMessage());
                }
            }
        }
        return spec;
    }

    /** The metric trials are scored by: {@code objective}, else the base spec's primary metric. */
    public Metric objective(ExperimentSpec base) {
        try {
            return objective == null ? base.primary() : Metric.of(objective);
        } catch (IllegalArgumentException e) {
            throw new SpecException("sweep " + name + ": objective: " + e.getMessage());
        }
    }

    /** The trials' param sets, in trial order: seeded random draws (distinct), or the whole grid. */
    public List<Map<String, Object>> draw() {
        if ("grid".equals(strategy)) {
            List<Map<String, Object>> grid = new ArrayList<>();
            grid.add(new LinkedHashMap<>());
            for (var e : space.entrySet()) {
                List<Map<String, Object>> next = new ArrayList<>();
                for (Map<String, Object> partial : grid) {
                    for (Object value : e.getValue().gridValues()) {
                        Map<String, Object> p = new LinkedHashMap<>(partial);
                        p.put(e.getKey(), value);
                        next.add(p);
                    }
                }
                grid = next;
            }
            if (grid.size() > trials) {
                throw new SpecException("sweep " + name + ": the grid has " + grid.size() + " points, more than the "
                        + "budget of " + trials + " trials: raise trials, or use fewer steps or choices");
            }
            return grid;
        }
        Random random = new Random(seed);
        List<Map<String, Object>> drawn = new ArrayList<>();
        Set<Map<String, Object>> seen = new HashSet<>();
        // Distinct draws; a small discrete space may have fewer points than the budget, then it is exhausted.
        for (int attempts = 0; drawn.size() < trials && attempts < trials * 50; attempts++) {
            Map<String, Object> p = new LinkedHashMap<>();
            space.forEach((param, r) -> p.put(param, r.draw(random)));
            if (seen.add(p)) {
                drawn.add(p);
            }
        }
        return drawn;
    }

    /** The same sweep with another budget (e.g. {@code --trials}). */
    public SweepSpec withTrials(int budget, String origin) {
        return new SweepSpec(name, description, base, variant, space, strategy, budget, seed, objective)
                .checkedShape(origin + " with --trials " + budget);
    }

    public String toJson() {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write sweep " + name + " as JSON", e);
        }
    }

    private static void require(boolean ok, String origin, String field, String expected, Object value) {
        if (!ok) {
            throw new SpecException(origin + ": " + field + " must be " + expected + ", got "
                    + (value == null ? "nothing" : "'" + value + "'"));
        }
    }
}
