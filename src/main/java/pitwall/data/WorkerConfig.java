package pitwall.data;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How to reach the Worker data API and how hard to try.
 *
 * @param baseUrl        the Worker's origin, e.g. {@code http://127.0.0.1:8787} (no path, query or trailing slash)
 * @param apiKey         sent as {@code X-API-Key} on {@code /api/admin/*} calls only; never printed
 * @param connectTimeout TCP connect timeout
 * @param requestTimeout time for one whole request and response
 * @param maxAttempts    tries per call (1 = no retries)
 * @param initialBackoff upper bound of the first retry delay (full jitter: a uniform draw below the bound)
 * @param maxBackoff     cap of every retry delay, including a Worker's {@code Retry-After}
 */
public record WorkerConfig(URI baseUrl, String apiKey, Duration connectTimeout, Duration requestTimeout,
                           int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

    /** The local Worker started by {@code npm run dev} in {@code worker/}. */
    public static final URI DEFAULT_URL = URI.create("http://127.0.0.1:8787");
    /** The key of the local Worker ({@code worker/.dev.vars}); never valid in production. */
    public static final String DEV_API_KEY = "pitwall-local-dev-key";
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_MAX_ATTEMPTS = 4;
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(200);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(10);

    public WorkerConfig {
        Objects.requireNonNull(baseUrl, "baseUrl");
        String scheme = baseUrl.getScheme();
        if ((!"http".equals(scheme) && !"https".equals(scheme)) || baseUrl.getHost() == null) {
            throw new IllegalArgumentException("baseUrl must be an absolute http(s) URL such as "
                    + DEFAULT_URL + ", got '" + baseUrl + "'");
        }
        if (baseUrl.getRawQuery() != null || baseUrl.getRawFragment() != null) {
            throw new IllegalArgumentException("baseUrl must not have a query or fragment, got '" + baseUrl + "'");
        }
        baseUrl = stripTrailingSlash(baseUrl);
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalArgumentException("apiKey must not be blank; set PREDICTIONS_API_KEY");
        }
        positive("connectTimeout", connectTimeout);
        positive("requestTimeout", requestTimeout);
        positive("initialBackoff", initialBackoff);
        positive("maxBackoff", maxBackoff);
        if (maxAttempts < 1 || maxAttempts > 20) {
            throw new IllegalArgumentException("maxAttempts must be in 1..20, got " + maxAttempts);
        }
        if (initialBackoff.compareTo(maxBackoff) > 0) {
            throw new IllegalArgumentException("initialBackoff " + initialBackoff + " exceeds maxBackoff "
                    + maxBackoff);
        }
    }

    /** Defaults for everything but the URL and key. */
    public static WorkerConfig of(URI baseUrl, String apiKey) {
        return new WorkerConfig(baseUrl, apiKey, DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT,
                DEFAULT_MAX_ATTEMPTS, DEFAULT_INITIAL_BACKOFF, DEFAULT_MAX_BACKOFF);
    }

    /** From {@code WORKER_URL} and {@code PREDICTIONS_API_KEY}, defaulting to the local Worker and its dev key. */
    public static WorkerConfig fromEnv() {
        return fromEnv(System.getenv());
    }

    /** As {@link #fromEnv()}, reading the given environment (blank values count as unset). */
    public static WorkerConfig fromEnv(Map<String, String> env) {
        String url = env.get("WORKER_URL");
        String key = env.get("PREDICTIONS_API_KEY");
        URI uri;
        try {
            uri = url == null || url.isBlank() ? DEFAULT_URL : URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("WORKER_URL is not a URL: '" + url + "'", e);
        }
        return of(uri, key == null || key.isBlank() ? DEV_API_KEY : key.strip());
    }

    public WorkerConfig withBaseUrl(URI url) {
        return new WorkerConfig(url, apiKey, connectTimeout, requestTimeout, maxAttempts, initialBackoff, maxBackoff);
    }

    public WorkerConfig withApiKey(String key) {
        return new WorkerConfig(baseUrl, key, connectTimeout, requestTimeout, maxAttempts, initialBackoff, maxBackoff);
    }

    public WorkerConfig withTimeouts(Duration connect, Duration request) {
        return new WorkerConfig(baseUrl, apiKey, connect, request, maxAttempts, initialBackoff, maxBackoff);
    }

    public WorkerConfig withRetries(int attempts, Duration initial, Duration max) {
        return new WorkerConfig(baseUrl, apiKey, connectTimeout, requestTimeout, attempts, initial, max);
    }

    /** True when the key is the public dev key, which only a local Worker accepts. */
    public boolean usesDevKey() {
        return DEV_API_KEY.equals(apiKey);
    }

    /** Never shows the key. */
    @Override
    public String toString() {
        return "WorkerConfig[baseUrl=" + baseUrl + ", apiKey=" + (usesDevKey() ? "<dev key>" : "<redacted>")
                + ", connectTimeout=" + connectTimeout + ", requestTimeout=" + requestTimeout
                + ", maxAttempts=" + maxAttempts + ", initialBackoff=" + initialBackoff
                + ", maxBackoff=" + maxBackoff + "]";
    }

    private static URI stripTrailingSlash(URI uri) {
        String s = uri.toString();
        return s.endsWith("/") ? URI.create(s.replaceAll("/+$", "")) : uri;
    }

    private static void positive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + d);
        }
    }
}
