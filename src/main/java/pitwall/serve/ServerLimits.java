package pitwall.serve;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JDK {@code HttpServer}'s own limits against slow and greedy clients. They are system properties read once,
 * when the JVM creates its first server, so {@link #apply()} sets each one not already given (with {@code -D} or
 * {@code JAVA_OPTS}) before the predictor creates its server. The defaults and what each bounds:
 *
 * <ul>
 *   <li>{@code sun.net.httpserver.maxReqTime} 10 s: request line, headers and body must arrive within it, else the
 *       connection is closed (a slow-loris client holds nothing for long);</li>
 *   <li>{@code sun.net.httpserver.maxRspTime} 15 s: from the end of the request to the last byte of the answer
 *       (handling included; the slowest handler, {@code /data/test}, is bounded well below);</li>
 *   <li>{@code sun.net.httpserver.idleInterval} 30 s: a keep-alive connection with no request is closed;</li>
 *   <li>{@code jdk.httpserver.maxConnections} 256: connections beyond are closed at accept;</li>
 *   <li>{@code sun.net.httpserver.maxReqHeaders} 100 and {@code sun.net.httpserver.maxReqHeaderSize} 16384 bytes:
 *       larger request headers are refused with 431 / 400 by the JDK;</li>
 *   <li>{@code sun.net.httpserver.nodelay} true: without it every small answer waits ~40 ms for Nagle.</li>
 * </ul>
 */
public final class ServerLimits {

    static final Map<String, String> DEFAULTS = defaults();

    private static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("sun.net.httpserver.maxReqTime", "10");
        d.put("sun.net.httpserver.maxRspTime", "15");
        d.put("sun.net.httpserver.idleInterval", "30");
        d.put("jdk.httpserver.maxConnections", "256");
        d.put("sun.net.httpserver.maxReqHeaders", "100");
        d.put("sun.net.httpserver.maxReqHeaderSize", "16384");
        d.put("sun.net.httpserver.nodelay", "true");
        return java.util.Collections.unmodifiableMap(d);
    }

    private ServerLimits() {
    }

    /** Sets every limit not already set; the values in force, for {@code GET /} and the start-up line. */
    public static synchronized Map<String, String> apply() {
        Map<String, String> inForce = new LinkedHashMap<>();
        DEFAULTS.forEach((name, value) -> {
            if (System.getProperty(name) == null) {
                System.setProperty(name, value);
            }
            inForce.put(name, System.getProperty(name));
        });
        return inForce;
    }
}
