package pitwall.ingest;

/**
 * One thing wrong with a dump: where, which value, and what is wrong with it.
 *
 * @param file    file name, e.g. {@code results.csv}
 * @param line    1-based line (1 is the header), 0 for the file as a whole
 * @param column  column name, or null
 * @param value   the offending value as read ({@code null} for {@code \N})
 * @param message what is wrong and, where possible, what to do
 */
public record DumpProblem(String file, int line, String column, String value, String message) {

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(file);
        if (line > 0) {
            s.append(" line ").append(line);
        }
        if (column != null) {
            s.append(", column ").append(column);
        }
        if (value != null) {
            s.append(", value '").append(value.length() > 80 ? value.substring(0, 80) + "…" : value).append('\'');
        }
        return s.append(": ").append(message).toString();
    }
}
