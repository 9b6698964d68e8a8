package pitwall.ingest;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Typed, by-name access to one CSV row. A value that does not parse is recorded as a problem (file, line, column,
 * value, hint) and a placeholder is returned, so one pass reports every problem; the dump is rejected afterwards.
 */
final class TypedRow {

    private static final Pattern LAP_TIME = Pattern.compile("(?:(\\d+):)?(\\d{1,2})\\.(\\d{1,3})");
    private static final DateTimeFormatter HMS = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final CsvTable table;
    private final CsvTable.Row row;
    private final Map<String, Integer> index;
    private final Problems problems;

    TypedRow(CsvTable table, CsvTable.Row row, Map<String, Integer> index, Problems problems) {
        this.table = table;
        this.row = row;
        this.index = index;
        this.problems = problems;
    }

    int line() {
        return row.line();
    }

    /** Records a problem for this row. */
    void problem(String column, String value, String message) {
        problems.add(table.file(), row.line(), column, value, message);
    }

    String optText(String column) {
        String value = row.get(index.get(column));
        if (value != null && value.indexOf('\0') >= 0) {
            problem(column, value.replace('\0', '?'), "contains a NUL character, which D1 text cannot hold");
            return value.replace("\0", "");
        }
        return value;
    }

    String text(String column) {
        String value = optText(column);
        if (value == null) {
            missing(column);
            return "";
        }
        return value;
    }

    Integer optInt(String column) {
        String value = optText(column);
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            String hint = value.matches("\\s*-?\\d+\\.\\d*\\s*") ? "a decimal where a whole number is expected"
                    : value.isBlank() ? "an empty value; write \\N for none" : "not a whole number";
            problem(column, value, hint);
            return 0;
        }
    }

    int integer(String column) {
        Integer value = optInt(column);
        if (value == null) {
            missing(column);
            return 0;
        }
        return value;
    }

    Double optDecimal(String column) {
        String value = optText(column);
        if (value == null) {
            return null;
        }
        try {
            double d = Double.parseDouble(value.strip());
            if (Double.isFinite(d) && !value.strip().matches(".*[a-zA-Z].*")) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problem(column, value, "not a number (expected e.g. 12 or 4.5)");
        return 0.0;
    }

    double decimal(String column) {
        Double value = optDecimal(column);
        if (value == null) {
            missing(column);
            return 0;
        }
        return value;
    }

    /** A YYYY-MM-DD date, normalized. */
    String optDate(String column) {
        String value = optText(column);
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip()).toString();
        } catch (DateTimeParseException e) {
            problem(column, value, "not a date YYYY-MM-DD");
            return null;
        }
    }

    String date(String column) {
        String value = optDate(column);
        if (value == null && optText(column) == null) {
            missing(column);
        }
        return value == null ? "" : value;
    }

    /** An HH:MM:SS time of day, normalized. */
    String optTime(String column) {
        String value = optText(column);
        if (value == null) {
            return null;
        }
        try {
            return LocalTime.parse(value.strip()).format(HMS);
        } catch (DateTimeParseException e) {
            problem(column, value, "not a time of day HH:MM:SS");
            return null;
        }
    }

    /** A lap time like {@code 1:15.096} (or {@code 59.1}) in milliseconds. */
    Integer optLapTimeMs(String column) {
        String value = optText(column);
        if (value == null) {
            return null;
        }
        Matcher m = LAP_TIME.matcher(value.strip());
        if (!m.matches()) {
            problem(column, value, "not a lap time like 1:15.096 (write \\N when no time was set)");
            return null;
        }
        int minutes = m.group(1) == null ? 0 : Integer.parseInt(m.group(1));
        String fraction = (m.group(3) + "00").substring(0, 3);
        return (minutes * 60 + Integer.parseInt(m.group(2))) * 1000 + Integer.parseInt(fraction);
    }

    private void missing(String column) {
        int at = index.get(column);
        String why = at >= row.fieldCount()
                ? "missing: the row has only " + row.fieldCount() + " of " + table.header().size() + " fields"
                : "a value is required here but the field is empty or \\N";
        problem(column, null, why);
    }

    /** The required columns that the header lacks. */
    static List<String> missingColumns(CsvTable table, List<String> required) {
        return required.stream().filter(c -> table.column(c) < 0).toList();
    }
}
