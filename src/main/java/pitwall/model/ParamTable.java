package pitwall.model;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The hyperparameters of one options record, in the order of its components, from which its defaults, its MLflow
 * params, its parsing from a spec and its range checks all come. The table checks when it is built that its
 * entries match the record's components by name and type, so the two cannot drift apart.
 */
public final class ParamTable<R extends Record> {

    private final Class<R> type;
    private final List<Hyperparameter<?>> params;
    private final RecordComponent[] components;
    private final Constructor<R> canonical;

    ParamTable(Class<R> type, Hyperparameter<?>... params) {
        this.type = type;
        this.params = List.of(params);
        this.components = type.getRecordComponents();
        List<String> declared = Arrays.stream(components).map(c -> c.getName() + ":" + c.getType()).toList();
        List<String> listed = this.params.stream().map(p -> p.name() + ":" + p.type().javaType()).toList();
        if (!declared.equals(listed)) {
            throw new IllegalStateException(type.getSimpleName() + " declares " + declared + " but its table lists "
                    + listed);
        }
        try {
            this.canonical = type.getDeclaredConstructor(Arrays.stream(components).map(RecordComponent::getType)
                    .toArray(Class<?>[]::new));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(type.getSimpleName() + " has no canonical constructor", e);
        }
    }

    /** Every hyperparameter, in component order. */
    public List<Hyperparameter<?>> params() {
        return params;
    }

    /** The record with every hyperparameter at its default. */
    public R defaults() {
        return build(params.stream().map(Hyperparameter::defaultValue).toArray());
    }

    /** Reads every hyperparameter, defaults for absent keys, and checks the ranges. */
    R read(Params values) {
        R options = build(params.stream().map(values::value).toArray());
        requireValid(options);
        return options;
    }

    /** Each hyperparameter by name, as written to MLflow params. */
    public Map<String, String> write(Record options) {
        Object[] values = values(options);
        Map<String, String> written = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            written.put(params.get(i).name(), params.get(i).formatValue(values[i]));
        }
        return written;
    }

    /** Fails naming the first param out of its range, its range and its value. */
    public void requireValid(Record options) {
        Object[] values = values(options);
        for (int i = 0; i < values.length; i++) {
            params.get(i).requireValidValue(values[i]);
        }
    }

    private Object[] values(Record options) {
        R typed = type.cast(options);
        Object[] values = new Object[components.length];
        try {
            for (int i = 0; i < components.length; i++) {
                values[i] = components[i].getAccessor().invoke(typed);
            }
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + type.getSimpleName(), e);
        }
        return values;
    }

    private R build(Object[] values) {
        try {
            return canonical.newInstance(values);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + type.getSimpleName(), e);
        }
    }
}
