package pitwall.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Runs the project's own wrangler ({@code worker/node_modules/.bin/wrangler}) in {@code worker/}, without telemetry.
 */
public final class Wrangler {

    /** The D1 database name in wrangler.toml. */
    public static final String DATABASE = "pitwall";
    /** How long a one-shot command may take before it is killed. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*[A-Za-z]");

    private final Project project;
    private final Path executable;

    private Wrangler(Project project, Path executable) {
        this.project = project;
        this.executable = executable;
    }

    /** The wrangler of this project; fails with a hint when {@code npm ci} has not been run. */
    public static Wrangler of(Project project) {
        Path bin = project.workerDir().resolve("node_modules/.bin/wrangler");
        if (!Files.isRegularFile(bin)) {
            throw new LocalException("wrangler is not installed: " + bin + " is missing; "
                    + "run npm ci in worker/ (./pitwall does this)");
        }
        return new Wrangler(project, bin);
    }

    public Project project() {
        return project;
    }

    /** A process builder for {@code wrangler args…} in worker/, with the environment wrangler needs. */
    public ProcessBuilder processBuilder(List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(project.workerDir().toFile());
        configure(builder.environment());
        return builder;
    }

    /** Runs {@code wrangler args…} to completion and captures its output. */
    public Result run(List<String> args) {
        return run(args, DEFAULT_TIMEOUT);
    }

    public Result run(List<String> args, Duration timeout) {
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("wrangler-", ".out");
            err = Files.createTempFile("wrangler-", ".err");
            Process process = processBuilder(args)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                Processes.killTree(process.toHandle(), Duration.ofSeconds(5));
                throw new LocalException("wrangler " + String.join(" ", args) + " did not finish within " + timeout);
            }
            return new Result(List.copyOf(args), process.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not run " + executable + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalException("Interrupted while running wrangler " + String.join(" ", args), e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    /** Telemetry off (it would try to reach Cloudflare), no colours, and the admin key never inherited. */
    static void configure(Map<String, String> env) {
        env.put("WRANGLER_SEND_METRICS", "false");
        env.put("FORCE_COLOR", "0");
        env.put("NO_COLOR", "1");
        env.remove(ApiKey.ENV);
    }

    static String stripAnsi(String text) {
        return ANSI.matcher(text).replaceAll("");
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a leftover temp file is harmless
            }
        }
    }

    /** The outcome of one wrangler command. */
    public record Result(List<String> args, int exitCode, String stdout, String stderr) {

        public boolean ok() {
            return exitCode == 0;
        }

        /** The error wrangler reported, as one line: its {@code [ERROR]} line, else the last lines of output. */
        public String errorMessage() {
            String all = stripAnsi(stdout + "\n" + stderr);
            for (String line : all.split("\n")) {
                int at = line.indexOf("[ERROR]");
                if (at >= 0) {
                    return line.substring(at + "[ERROR]".length()).strip();
                }
            }
            int jsonError = all.indexOf("\"text\":");
            if (jsonError >= 0) {
                String rest = all.substring(jsonError + 7).strip();
                int end = rest.indexOf('\n');
                return (end < 0 ? rest : rest.substring(0, end)).replaceAll("^\"|\",?$", "");
            }
            List<String> lines = all.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
        }

        /** Throws a {@link LocalException} naming the command and wrangler's error unless it succeeded. */
        public Result orThrow(String what) {
            if (!ok()) {
                throw new LocalException(what + " failed (wrangler exit " + exitCode + "): " + errorMessage());
            }
            return this;
        }
    }
}
