package pitwall.serve;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import pitwall.data.Health;
import pitwall.data.WorkerClient;

/**
 * The Worker's {@code /api/health} as {@code GET /health} reports it: one probe at a time, its answer reused for a
 * moment so probes from many clients do not multiply, and a caller waits at most {@code wait} whatever the Worker
 * does (a hung Worker reads as "did not answer", not as a readiness probe's own time-out).
 */
final class WorkerProbe {

    /** The outcome: the Worker's answer, or why there is none. */
    record Result(Health health, String failure, Instant at) {
        boolean ok() {
            return health != null && health.ok();
        }
    }

    private final WorkerClient worker;
    private final Duration wait;
    private final Duration reuse;
    private final Clock clock;
    private volatile Result last;
    private CompletableFuture<Result> running; // guarded by this

    WorkerProbe(WorkerClient worker, Duration wait, Duration reuse, Clock clock) {
        this.worker = worker;
        this.wait = wait;
        this.reuse = reuse;
        this.clock = clock;
    }

    Result check() {
        Result l = last;
        if (l != null && Duration.between(l.at(), clock.instant()).compareTo(reuse) < 0) {
            return l;
        }
        try {
            return probe().get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return new Result(null, "the Worker at " + worker.config().baseUrl() + " did not answer /api/health within "
                    + wait.toMillis() + " ms", clock.instant());
        } catch (ExecutionException e) {
            return failed(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(null, "interrupted", clock.instant());
        }
    }

    private synchronized CompletableFuture<Result> probe() {
        if (running != null && !running.isDone()) { // a finished one may not have cleared itself yet
            return running;
        }
        CompletableFuture<Result> f = new CompletableFuture<>();
        running = f;
        Thread.ofVirtual().name("pitwall-worker-probe").start(() -> {
            Result r;
            try {
                r = new Result(worker.health(), null, clock.instant());
            } catch (RuntimeException e) {
                r = failed(e);
            }
            last = r;
            synchronized (this) {
                if (running == f) {
                    running = null;
                }
            }
            f.complete(r);
        });
        return f;
    }

    private Result failed(Throwable e) {
        return new Result(null, "the Worker at " + worker.config().baseUrl() + " is unreachable or failing: "
                + e.getMessage(), clock.instant());
    }
}
