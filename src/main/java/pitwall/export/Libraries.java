package pitwall.export;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import pitwall.experiment.Provenance;

/**
 * Library versions for a bundle manifest. Smile's jar carries no Maven {@code pom.properties}, so its version is read
 * from its jar manifest (classes on a class path) or, inside the shaded pitwall jar, from the project's own pom.xml
 * that Maven packs into it.
 */
final class Libraries {

    static final String SMILE = "smile";
    private static final Pattern PROPERTY = Pattern.compile("<smile\\.version>([^<]+)</smile\\.version>");

    private Libraries() {
    }

    /** Provenance's libraries with Smile's version filled in where Provenance could not find it. */
    static Map<String, String> of(Provenance provenance) {
        Map<String, String> libs = new LinkedHashMap<>(provenance.libraries());
        if (libs.getOrDefault(SMILE, "unknown").equals("unknown")) {
            libs.put(SMILE, smile());
        }
        return libs;
    }

    static String smile() {
        String fromJar = smile.data.DataFrame.class.getPackage().getImplementationVersion();
        if (fromJar != null && !fromJar.isBlank()) {
            return fromJar;
        }
        try (InputStream in = Libraries.class.getResourceAsStream("/META-INF/maven/dev.pitwall/pitwall/pom.xml")) {
            if (in != null) {
                Matcher m = PROPERTY.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                if (m.find()) {
                    return m.group(1).strip();
                }
            }
        } catch (IOException e) {
            // falls through
        }
        return "unknown";
    }
}
