package pitwall.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Ergast CSV files read independently of the ingest code, so tests compare the Worker against the dump itself:
 * {@code \N} and absent trailing fields are null, quoted fields may hold commas.
 */
final class ErgastCsv {

    private ErgastCsv() {}

    /** Every row of {@code file} as column name → text (null for {@code \N} and missing fields). */
    static List<Map<String, String>> read(Path dir, String file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(dir.resolve(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> header = split(lines.getFirst());
        List<Map<String, String>> rows = new ArrayList<>(lines.size());
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            List<String> fields = split(line);
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < header.size(); i++) {
                String v = i < fields.size() ? fields.get(i) : null;
                row.put(header.get(i), v == null || v.equals("\\N") || v.isEmpty() ? null : v);
            }
            rows.add(row);
        }
        return rows;
    }

    private static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        out.add(field.toString());
        return out;
    }

    /** "1:15.096" → 75096 ms; null stays null. */
    static Integer lapMs(String text) {
        if (text == null) {
            return null;
        }
        String[] parts = text.split(":");
        double seconds = Double.parseDouble(parts[parts.length - 1]);
        int minutes = parts.length > 1 ? Integer.parseInt(parts[0]) : 0;
        return (int) Math.round((minutes * 60 + seconds) * 1000);
    }

    static Integer intOrNull(String text) {
        return text == null ? null : Integer.valueOf(text);
    }

    static boolean digits(String text) {
        return text != null && !text.isEmpty() && text.chars().allMatch(Character::isDigit);
    }
}
