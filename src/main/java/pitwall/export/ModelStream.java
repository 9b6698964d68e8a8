package pitwall.export;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidObjectException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The reader of every {@code model.bin}: an exact allow-list of the classes this build's models serialise
 * ({@value #RESOURCE} beside this class, generated from real exports by {@code BundleClassesTest}), limits set from
 * the largest real models with headroom, and a bound on how many objects the graph holds once shared references are
 * unfolded: a hash of a graph that shares references at every level (the deserialisation bomb, with lists as
 * {@code HashMap} keys) costs that unfolded count, so it is refused before anything hashes it. One instance per
 * stream: it remembers why it refused, and (when measuring) what it saw.
 */
final class ModelStream extends ObjectInputStream {

    static final String RESOURCE = "bundle-classes.txt";

    /** Class names; arrays are allowed when their component type is primitive or listed. */
    static final Set<String> ALLOWED = readAllowed();

    /**
     * @param unfolded      objects under one object, shared references counted each time they are reached
     * @param unfoldedTotal the sum of {@code unfolded} over every object of the stream
     */
    record Limits(long bytes, long depth, long references, long array, long unfolded, long unfoldedTotal) {
    }

    /*
     * Measured by BundleClassesTest on every variant of experiments/*.json and every catalogue kind at its defaults,
     * fitted on the real 2019-2025 races. The largest (the `average` of experiments/ensembles.json: three members of
     * 60-80 trees) has 264,203 bytes, depth 18, 7,560 references, arrays of 80, one object unfolding to 61,934 and
     * 497,061 unfolded in all. Limits: bytes 31x, references 13x, arrays 62x, unfolded 16x and 20x that (models about
     * ten times the defaults fit); depth 8 levels more, as each level doubles what a bomb within it hashes (at
     * depth 26 that is 2^24 list hashes, under half a second).
     */
    static final Limits LIMITS = new Limits(8L * 1024 * 1024, 26, 100_000, 5_000, 1_000_000, 10_000_000);

    /** Reading without limits or allow-list, recording the figures: for the test that measures real models. */
    static final Limits MEASURING = new Limits(Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE,
            Long.MAX_VALUE, Long.MAX_VALUE);

    private static final Map<Class<?>, List<Field>> FIELDS = new ConcurrentHashMap<>();

    private final Limits limits;
    private final IdentityHashMap<Object, Long> unfolded = new IdentityHashMap<>();
    private String refusal;
    /** Largest figures seen: depth, references, array length, unfolded, unfolded total. */
    final long[] seen = new long[5];
    final Set<String> classes = new TreeSet<>();

    ModelStream(byte[] bytes, Limits limits) throws IOException {
        super(new ByteArrayInputStream(bytes));
        this.limits = limits;
        setObjectInputFilter(this::check);
        enableResolveObject(true);
    }

    /** Why the stream was refused, or null. */
    String refusal() {
        return refusal;
    }

    private ObjectInputFilter.Status check(ObjectInputFilter.FilterInfo info) {
        if (refusal != null) {
            return ObjectInputFilter.Status.REJECTED;
        }
        seen[0] = Math.max(seen[0], info.depth());
        seen[1] = Math.max(seen[1], info.references());
        seen[2] = Math.max(seen[2], info.arrayLength());
        if (info.streamBytes() > limits.bytes()) {
            return refuse("the stream is over the limit of " + limits.bytes() + " bytes");
        }
        if (info.depth() > limits.depth()) {
            return refuse("objects nest deeper than the limit of " + limits.depth());
        }
        if (info.references() > limits.references()) {
            return refuse("the stream holds more than the limit of " + limits.references() + " object references");
        }
        if (info.arrayLength() > limits.array()) {
            return refuse("an array of " + info.arrayLength() + " elements is over the limit of " + limits.array());
        }
        Class<?> type = info.serialClass();
        if (type == null) {
            return ObjectInputFilter.Status.UNDECIDED;
        }
        Class<?> component = type;
        while (component.isArray()) {
            component = component.getComponentType();
        }
        if (component.isPrimitive()) {
            return ObjectInputFilter.Status.ALLOWED;
        }
        classes.add(component.getName());
        if (limits == MEASURING || ALLOWED.contains(component.getName())) {
            return ObjectInputFilter.Status.ALLOWED;
        }
        return refuse("class " + type.getName() + " is not allowed in a model file (not among the "
                + ALLOWED.size() + " classes of pitwall/export/" + RESOURCE + ")");
    }

    /** Called bottom-up as each object is complete, before an enclosing map or set hashes it. */
    @Override
    protected Object resolveObject(Object obj) throws IOException {
        if (leaf(obj)) {
            return obj;
        }
        long size = 1;
        for (Object child : children(obj)) {
            Long s = child == null ? null : unfolded.get(child);
            size = saturated(size + (s == null ? 1 : s));
        }
        unfolded.put(obj, size);
        seen[3] = Math.max(seen[3], size);
        seen[4] = saturated(seen[4] + size);
        if (size > limits.unfolded() || seen[4] > limits.unfoldedTotal()) {
            refuse("a " + obj.getClass().getName() + " unfolds to more than " + limits.unfolded() + " objects, or "
                    + "the stream to more than " + limits.unfoldedTotal() + " (references shared at every level, "
                    + "as in a deserialisation bomb)");
            throw new InvalidObjectException(refusal);
        }
        return obj;
    }

    private ObjectInputFilter.Status refuse(String reason) {
        refusal = reason;
        return ObjectInputFilter.Status.REJECTED;
    }

    private static boolean leaf(Object obj) {
        return obj == null || obj instanceof String || obj instanceof Number || obj instanceof Enum<?>
                || obj instanceof Class<?> || obj instanceof Boolean || obj instanceof Character
                || obj.getClass().isArray() && obj.getClass().getComponentType().isPrimitive();
    }

    /** What a hash or equals of {@code obj} may walk: elements, keys and values, or every reference field. */
    private static Iterable<?> children(Object obj) {
        if (obj instanceof Collection<?> c) {
            return c;
        }
        if (obj instanceof Map<?, ?> m) {
            List<Object> both = new ArrayList<>(m.keySet());
            both.addAll(m.values());
            return both;
        }
        if (obj instanceof Object[] array) {
            return Arrays.asList(array);
        }
        if (obj.getClass().getName().startsWith("java.")) {
            return List.of();
        }
        List<Object> values = new ArrayList<>();
        for (Field f : FIELDS.computeIfAbsent(obj.getClass(), ModelStream::referenceFields)) {
            try {
                values.add(f.get(obj));
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot read " + f + " of a model", e);
            }
        }
        return values;
    }

    private static List<Field> referenceFields(Class<?> type) {
        List<Field> fields = new ArrayList<>();
        for (Class<?> c = type; c != null && !c.getName().startsWith("java."); c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers()) && !f.getType().isPrimitive()) {
                    f.setAccessible(true);
                    fields.add(f);
                }
            }
        }
        return fields;
    }

    private static long saturated(long value) {
        return value < 0 ? Long.MAX_VALUE : value;
    }

    static Set<String> parse(String text) {
        Set<String> names = new TreeSet<>();
        for (String line : text.split("\n")) {
            String name = line.strip();
            if (!name.isEmpty() && !name.startsWith("#")) {
                names.add(name);
            }
        }
        return Set.copyOf(names);
    }

    private static Set<String> readAllowed() {
        try (InputStream in = ModelStream.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("pitwall/export/" + RESOURCE + " is missing from the classpath");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read pitwall/export/" + RESOURCE, e);
        }
    }
}
