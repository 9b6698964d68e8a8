package pitwall.data;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.api.TimeColumn;
import tech.tablesaw.columns.Column;

/**
 * How records of one type become a Tablesaw table: an ordered list of typed columns, each with its getter. Null
 * values become missing values.
 */
final class TableSpec<T> {

    private record Col<T>(Function<String, Column<?>> create, String name, Function<T, ?> get) {}

    private final String name;
    private final List<Col<T>> columns = new ArrayList<>();

    private TableSpec(String name) {
        this.name = name;
    }

    static <T> TableSpec<T> named(String name) {
        return new TableSpec<>(name);
    }

    TableSpec<T> ints(String column, Function<T, Integer> get) {
        return add(IntColumn::create, column, get);
    }

    TableSpec<T> doubles(String column, Function<T, Double> get) {
        return add(DoubleColumn::create, column, get);
    }

    TableSpec<T> strings(String column, Function<T, String> get) {
        return add(StringColumn::create, column, get);
    }

    TableSpec<T> dates(String column, Function<T, LocalDate> get) {
        return add(DateColumn::create, column, get);
    }

    TableSpec<T> times(String column, Function<T, LocalTime> get) {
        return add(TimeColumn::create, column, get);
    }

    TableSpec<T> booleans(String column, Function<T, Boolean> get) {
        return add(BooleanColumn::create, column, get);
    }

    /** A table with one row per record, in the given order. */
    Table build(Collection<T> rows) {
        Table table = Table.create(name);
        for (Col<T> col : columns) {
            Column<?> column = col.create().apply(col.name());
            for (T row : rows) {
                Object value = col.get().apply(row);
                if (value == null) {
                    column.appendMissing();
                } else {
                    column.appendObj(value);
                }
            }
            table.addColumns(column);
        }
        return table;
    }

    private TableSpec<T> add(Function<String, Column<?>> create, String column, Function<T, ?> get) {
        columns.add(new Col<>(create, column, get));
        return this;
    }
}
