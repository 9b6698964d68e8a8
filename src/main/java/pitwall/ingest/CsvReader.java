package pitwall.ingest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Ergast-style CSV: RFC 4180 quoting (commas, doubled quotes and line breaks inside quotes), {@code \N} as null,
 * LF or CRLF line ends, an optional UTF-8 byte order mark. An empty unquoted field is null too; {@code ""} is the
 * empty string. Rows shorter than the header are padded with nulls (the 2025 rows of races.csv stop after
 * {@code url}); longer rows are an error.
 *
 * <p>Kept instead of a library because none gives the dump's errors: every problem of a file in one pass, at the line
 * its record starts. Apache Commons CSV 1.14.1 (already on the class path through Smile) and jackson-dataformat-csv
 * 2.23.0, tried on this class's test inputs: both stop at the first broken quote (so a file with two shows one),
 * both accept {@code ab"c} without a word, Jackson places a never-closed quote at the end of the file instead of
 * where the field opens, and Commons CSV cannot tell {@code ""} (empty string) from an empty field (null).
 */
public final class CsvReader {

    /** The dump's null marker. */
    public static final String NULL = "\\N";

    private CsvReader() {
    }

    /** Reads a file; problems (bad encoding, broken quoting, too many fields) go to {@code problems}. */
    public static CsvTable read(Path file, Problems problems) {
        String name = file.getFileName().toString();
        try {
            return parse(name, decode(Files.readAllBytes(file)), problems);
        } catch (NoSuchFileException e) {
            problems.add(name, 0, null, null, "file is missing from the dump directory " + file.getParent());
        } catch (CharacterCodingException e) {
            problems.add(name, 0, null, null, "file is not valid UTF-8 (" + e.getMessage() + ")");
        } catch (IOException e) {
            problems.add(name, 0, null, null, "cannot read " + file + ": " + e.getMessage());
        }
        return new CsvTable(name, List.of(), List.of());
    }

    private static String decode(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes)).toString();
    }

    /** Parses CSV text (exposed for tests of the quirks). */
    public static CsvTable parse(String name, String text, Problems problems) {
        Parser parser = new Parser(name, text.startsWith("\uFEFF") ? text.substring(1) : text, problems);
        List<String> header = parser.next();
        if (header == null) {
            problems.add(name, 1, null, null, "file is empty: expected a header line");
            return new CsvTable(name, List.of(), List.of());
        }
        List<String> names = header.stream().map(h -> h == null ? "" : h.strip()).toList();
        List<CsvTable.Row> rows = new ArrayList<>();
        for (int line = parser.line; ; line = parser.line) {
            List<String> fields = parser.next();
            if (fields == null) {
                break;
            }
            if (fields.size() == 1 && fields.getFirst() == null && parser.wasBlank) {
                continue; // a blank line
            }
            if (fields.size() > names.size()) {
                problems.add(name, line, null, String.join(",", fields.stream().map(String::valueOf).toList()),
                        "row has " + fields.size() + " fields but the header has " + names.size()
                                + " (an unquoted comma in a text field?)");
                continue;
            }
            int count = fields.size();
            while (fields.size() < names.size()) {
                fields.add(null);
            }
            rows.add(new CsvTable.Row(line, fields, count));
        }
        return new CsvTable(name, names, rows);
    }

    /** A cursor over the records of the text; tracks the physical line for messages. */
    private static final class Parser {
        private final String name;
        private final String text;
        private final Problems problems;
        private int pos;
        int line = 1;
        boolean wasBlank;

        Parser(String name, String text, Problems problems) {
            this.name = name;
            this.text = text;
            this.problems = problems;
        }

        /** The next record's fields, or null at the end of the text. */
        List<String> next() {
            if (pos >= text.length()) {
                return null;
            }
            int startLine = line;
            List<String> fields = new ArrayList<>();
            wasBlank = true;
            while (true) {
                fields.add(field(startLine));
                if (pos >= text.length()) {
                    return fields;
                }
                char c = text.charAt(pos++);
                if (c == ',') {
                    wasBlank = false;
                    continue;
                }
                // c is a line end: \n, or \r optionally followed by \n
                if (c == '\r' && pos < text.length() && text.charAt(pos) == '\n') {
                    pos++;
                }
                line++;
                return fields;
            }
        }

        private String field(int startLine) {
            if (pos < text.length() && text.charAt(pos) == '"') {
                wasBlank = false;
                return quoted(startLine);
            }
            int start = pos;
            while (pos < text.length() && ",\r\n".indexOf(text.charAt(pos)) < 0) {
                pos++;
            }
            String raw = text.substring(start, pos);
            if (!raw.isEmpty()) {
                wasBlank = false;
            }
            if (raw.indexOf('"') >= 0) {
                problems.add(name, startLine, null, raw, "a quote inside an unquoted field; quote the whole field"
                        + " and double inner quotes (\"\")");
            }
            return raw.isEmpty() || raw.equals(NULL) ? null : raw;
        }

        private String quoted(int startLine) {
            StringBuilder value = new StringBuilder();
            pos++; // opening quote
            while (pos < text.length()) {
                char c = text.charAt(pos++);
                if (c == '"') {
                    if (pos < text.length() && text.charAt(pos) == '"') {
                        value.append('"');
                        pos++;
                        continue;
                    }
                    if (pos < text.length() && ",\r\n".indexOf(text.charAt(pos)) < 0) {
                        problems.add(name, startLine, null, value.toString(),
                                "text after a closing quote; a quote inside a quoted field must be doubled (\"\")");
                        while (pos < text.length() && ",\r\n".indexOf(text.charAt(pos)) < 0) {
                            pos++;
                        }
                    }
                    String s = value.toString();
                    return s.equals(NULL) ? null : s;
                }
                if (c == '\n') {
                    line++;
                }
                value.append(c);
            }
            problems.add(name, startLine, null, value.length() > 40 ? value.substring(0, 40) + "…" : value.toString(),
                    "a quoted field is never closed (missing closing quote)");
            return value.toString();
        }
    }
}
