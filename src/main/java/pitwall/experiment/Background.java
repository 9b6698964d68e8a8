package pitwall.experiment;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/** Work run on a daemon thread of its own beside the caller's (a snapshot write, a refit), joined with its error. */
final class Background {

    private Background() {
    }

    /** Starts {@code work} on a new daemon thread named {@code name}, not in a pool Smile's trees compete for. */
    static <T> CompletableFuture<T> start(String name, Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, task -> Thread.ofPlatform().name(name).daemon().start(task));
    }

    /** The work's result, waiting for it; a failure is rethrown as the work threw it. */
    static <T> T join(CompletableFuture<T> work) {
        try {
            return work.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }
}
