package pitwall.track;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** {@code file://} URIs spelled as MLflow spells them (Python's {@code pathlib.Path.as_uri()}), and back. */
final class FileUri {

    private FileUri() {
    }

    /** {@code file:///abs/path}, percent-encoding all but letters, digits, {@code _.-~/} (urllib's quote). */
    static String of(Path path) {
        String abs = path.toAbsolutePath().normalize().toString().replace('\\', '/');
        if (!abs.startsWith("/")) {
            abs = "/" + abs; // Windows drive paths
        }
        StringBuilder sb = new StringBuilder("file://");
        for (byte b : abs.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "_.-~/".indexOf(c) >= 0)) {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return sb.toString();
    }

    /** The local path of a {@code file:} URI, or null for any other scheme. */
    static Path toPath(String uri) {
        if (uri == null || !uri.startsWith("file:")) {
            return null;
        }
        String rest = uri.substring("file:".length());
        if (rest.startsWith("//")) {
            int slash = rest.indexOf('/', 2);
            rest = slash < 0 ? "/" : rest.substring(slash); // drop the (empty) authority
        }
        return Path.of(decode(rest));
    }

    /** Appends path segments to a URI as MLflow's append_to_uri_path does for simple segments. */
    static String append(String uri, String... segments) {
        StringBuilder sb = new StringBuilder(uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri);
        for (String s : segments) {
            sb.append('/').append(s);
        }
        return sb.toString();
    }

    private static String decode(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length()) {
                out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
