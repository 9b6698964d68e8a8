package pitwall.export;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import pitwall.local.Sha256;

/** sha256 of bundle files and the {@code SHA256SUMS} file (the layout of {@code sha256sum}, so it checks by hand). */
final class Checksums {

    private Checksums() {
    }

    static String sha256(byte[] bytes) {
        return Sha256.hex(bytes);
    }

    /** {@code <sha256>  <file>} lines, sorted by file name. */
    static String format(Map<String, String> sums) {
        StringBuilder out = new StringBuilder();
        new TreeMap<>(sums).forEach((file, sum) -> out.append(sum).append("  ").append(file).append('\n'));
        return out.toString();
    }

    static Map<String, String> parse(byte[] text, String origin) {
        Map<String, String> sums = new LinkedHashMap<>();
        for (String line : new String(text, StandardCharsets.UTF_8).split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] parts = line.strip().split("\\s+\\*?", 2);
            if (parts.length != 2 || !Sha256.isHex(parts[0])) {
                throw new BundleException(origin + ": malformed line '" + line + "' (expected '<sha256>  <file>')");
            }
            sums.put(parts[1], parts[0]);
        }
        return sums;
    }
}
