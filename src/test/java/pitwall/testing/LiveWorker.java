package pitwall.testing;

import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import pitwall.ingest.DumpLoader;
import pitwall.ingest.DumpLocator;
import pitwall.ingest.LoadReport;
import pitwall.local.D1;
import pitwall.local.LocalWorker;
import pitwall.local.Project;

/**
 * One live local Worker per test JVM, loaded once with the real dump: {@code wrangler dev} on a free port of
 * 127.0.0.1 with a temporary local D1, started lazily on first use and stopped at the end of the test run.
 *
 * <p>As an extension, with the worker as a test parameter:
 * <pre>{@code
 * @ExtendWith(LiveWorker.class)
 * class WorkerClientTest {
 *     @Test
 *     void seasons(LiveWorker worker) {
 *         WorkerClient client = new WorkerClient(worker.url(), worker.apiKey());
 *         ...
 *     }
 * }
 * }</pre>
 * or as a field: {@code @RegisterExtension static final LiveWorker WORKER = new LiveWorker();} then
 * {@code WORKER.url()}. Without the extension, {@link #shared()} works too; the Worker is then stopped by a JVM
 * shutdown hook. Either way every instance is a view of the same Worker: the first call to {@link #url()},
 * {@link #apiKey()} or {@link #d1()} starts it (about 5 s) and loads the dump (about 7 s); a start failure is
 * remembered and rethrown, not retried.
 *
 * <p>The dump comes from {@code $PITWALL_DATA}, else {@code ../shared/data/ergast}, else the pinned download. The
 * key is {@code $PREDICTIONS_API_KEY} or the local dev default. Tests share the data: write only predictions or
 * model metrics, with a model version unique to the test, and leave the Ergast tables as loaded.
 */
public final class LiveWorker implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LiveWorker.class);

    private static LocalWorker worker;
    private static LoadReport report;
    private static RuntimeException failure;
    private static boolean hookAdded;

    /** For JUnit and {@code @RegisterExtension}; all instances share the one Worker. */
    public LiveWorker() {
    }

    /** The shared Worker, started and loaded if needed. */
    public static LiveWorker shared() {
        running();
        return new LiveWorker();
    }

    /** Base URL of the Worker, e.g. {@code http://127.0.0.1:40123}. */
    public URI url() {
        return running().url();
    }

    /** The admin key the Worker runs with (header {@code X-API-Key}). */
    public String apiKey() {
        return running().apiKey();
    }

    /** The Worker's local D1, for direct queries in tests. */
    public D1 d1() {
        return running().d1();
    }

    /** The process id of {@code wrangler dev} (its children serve the requests), e.g. to stop it in an outage test. */
    public long pid() {
        return running().pid();
    }

    /** What loading the dump did (row counts per table). */
    public LoadReport loadReport() {
        running();
        return report;
    }

    /** The dump directory that was loaded. */
    public Path dump() {
        return loadReport().dump();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        // Closed by JUnit when the whole run ends: AutoCloseable values of the root store are closed then.
        context.getRoot().getStore(NAMESPACE).computeIfAbsent(Closer.class, k -> new Closer(), Closer.class);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LiveWorker.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        beforeAll(context);
        return this;
    }

    private static synchronized LocalWorker running() {
        if (failure != null) {
            throw new IllegalStateException("The live Worker failed to start earlier: " + failure.getMessage(), failure);
        }
        if (worker == null || !worker.isAlive()) {
            try {
                start();
            } catch (RuntimeException e) {
                failure = e;
                throw e;
            }
        }
        return worker;
    }

    private static void start() {
        if (!hookAdded) {
            Runtime.getRuntime().addShutdownHook(new Thread(LiveWorker::stop, "live-worker-stop"));
            hookAdded = true;
        }
        LocalWorker started = LocalWorker.start(Project.locate());
        try {
            report = new DumpLoader(started.d1()).load(DumpLocator.locate(null).dir());
        } catch (RuntimeException e) {
            started.close();
            throw e;
        }
        worker = started;
    }

    private static synchronized void stop() {
        if (worker != null) {
            worker.close();
            worker = null;
        }
    }

    /** Stops the shared Worker when JUnit closes the root store. */
    private static final class Closer implements AutoCloseable {
        @Override
        public void close() {
            stop();
        }
    }
}
