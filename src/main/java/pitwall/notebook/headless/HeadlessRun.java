package pitwall.notebook.headless;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Executes notebooks with Debian's Jupyter under a named kernel, one after another, each in a fresh kernel.
 * The kernelspec must already be installed under {@code jupyterPath} (it becomes {@code JUPYTER_PATH}), so a
 * headless run never touches the user's own Jupyter set-up.
 */
public final class HeadlessRun {

    /** Debian's interpreter: the {@code python3} on PATH may be a pyenv shim without Debian's Jupyter packages. */
    public static final Path DEBIAN_PYTHON = Path.of("/usr/bin/python3");
    static final String PYTHON_ENV = "PITWALL_JUPYTER_PYTHON";
    private static final String SCRIPT = "execute.py";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path python;
    private final Path jupyterPath;
    private final String kernel;
    private final Duration cellTimeout;
    private final Map<String, String> env;

    public HeadlessRun(Path python, Path jupyterPath, String kernel, Duration cellTimeout, Map<String, String> env) {
        this.python = Objects.requireNonNull(python, "python");
        this.jupyterPath = Objects.requireNonNull(jupyterPath, "jupyterPath");
        this.kernel = Objects.requireNonNull(kernel, "kernel");
        this.cellTimeout = Objects.requireNonNull(cellTimeout, "cellTimeout");
        this.env = Map.copyOf(env);
    }

    /**
     * The python that can drive Jupyter: {@code $PITWALL_JUPYTER_PYTHON}, else Debian's {@code /usr/bin/python3};
     * checked by importing nbclient and nbconvert.
     */
    public static Path findPython(Map<String, String> environment) {
        String configured = environment.get(PYTHON_ENV);
        Path candidate = configured == null || configured.isBlank() ? DEBIAN_PYTHON : Path.of(configured.strip());
        String install = "Headless notebook runs need Debian's Jupyter: "
                + "apt-get install jupyter-notebook python3-nbconvert python3-nbclient"
                + " (or point " + PYTHON_ENV + " at a python3 that has nbclient and nbconvert).";
        if (!Files.isExecutable(candidate)) {
            throw new JupyterNotFoundException(candidate + " not found. " + install);
        }
        try {
            Process check = new ProcessBuilder(candidate.toString(), "-c", "import nbclient, nbconvert, nbformat")
                    .redirectErrorStream(true).start();
            String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (check.waitFor() != 0) {
                throw new JupyterNotFoundException(candidate + " cannot import nbclient/nbconvert (" + lastLine(output)
                        + "). " + install);
            }
        } catch (IOException e) {
            throw new JupyterNotFoundException("cannot run " + candidate + ": " + e.getMessage() + ". " + install);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking " + candidate, e);
        }
        return candidate;
    }

    /**
     * Runs the notebooks in order; {@code onEach} hears each outcome as soon as it is known. Every notebook is
     * attempted even when an earlier one fails; executed copies and HTML go to {@code outDir}.
     *
     * @param workingDir the kernel's working directory (relative paths in cells resolve against it)
     */
    public List<NotebookOutcome> run(List<Path> notebooks, Path outDir, Path workingDir, Consumer<NotebookOutcome> onEach) {
        if (notebooks.isEmpty()) {
            return List.of();
        }
        for (Path notebook : notebooks) {
            if (!Files.isRegularFile(notebook)) {
                throw new IllegalArgumentException("no notebook at " + notebook);
            }
        }
        Path script = null;
        try {
            Files.createDirectories(outDir);
            script = Files.createTempFile("pitwall-execute", ".py");
            try (InputStream in = HeadlessRun.class.getResourceAsStream(SCRIPT)) {
                Files.write(script, Objects.requireNonNull(in, "resource " + SCRIPT).readAllBytes());
            }
            List<String> command = new ArrayList<>(List.of(python.toString(), script.toString(),
                    "--kernel", kernel, "--out", outDir.toAbsolutePath().toString(),
                    "--cwd", workingDir.toAbsolutePath().toString(),
                    "--timeout", Long.toString(Math.max(1, cellTimeout.toSeconds()))));
            notebooks.forEach(n -> command.add(n.toAbsolutePath().toString()));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workingDir.toFile())
                    .redirectError(ProcessBuilder.Redirect.INHERIT);
            builder.environment().putAll(env);
            builder.environment().put("JUPYTER_PATH", jupyterPath.toAbsolutePath().toString());
            // The kernel must not pick up a user's Jupyter runtime state or config from elsewhere.
            builder.environment().put("JUPYTER_CONFIG_DIR", jupyterPath.resolve("config").toAbsolutePath().toString());
            builder.environment().put("PYTHONUNBUFFERED", "1");
            Process process = builder.start();
            List<NotebookOutcome> outcomes = new ArrayList<>();
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.startsWith("{")) {
                        NotebookOutcome outcome = parse(JSON.readTree(line));
                        outcomes.add(outcome);
                        onEach.accept(outcome);
                    } else if (!line.isBlank()) {
                        System.err.println(line);
                    }
                }
            }
            int exit = process.waitFor();
            if (outcomes.size() != notebooks.size()) {
                throw new IllegalStateException("Jupyter driver exited with " + exit + " after " + outcomes.size()
                        + " of " + notebooks.size() + " notebooks (see its output above)");
            }
            return outcomes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running notebooks", e);
        } finally {
            if (script != null) {
                try {
                    Files.deleteIfExists(script);
                } catch (IOException ignored) {
                    // a temp file left behind is harmless
                }
            }
        }
    }

    static NotebookOutcome parse(JsonNode n) {
        JsonNode f = n.path("failure");
        NotebookOutcome.Failure failure = f.isMissingNode() || f.isNull() ? null : new NotebookOutcome.Failure(
                f.path("cell").isNumber() ? f.path("cell").asInt() : null,
                f.path("source").asText(""), f.path("ename").asText("error"), f.path("evalue").asText(""));
        return new NotebookOutcome(n.path("notebook").asText(), n.path("ok").asBoolean(),
                n.path("seconds").asDouble(),
                n.path("firstResultSeconds").isNumber() ? n.path("firstResultSeconds").asDouble() : null,
                n.path("cellsRun").asInt(),
                n.hasNonNull("executed") ? Path.of(n.path("executed").asText()) : null,
                n.hasNonNull("html") ? Path.of(n.path("html").asText()) : null,
                failure);
    }

    private static String lastLine(String output) {
        String[] lines = output.split("\n");
        return lines.length == 0 ? "" : lines[lines.length - 1];
    }
}
