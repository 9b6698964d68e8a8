package pitwall.notebook.kernel;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/** Debian's Jupyter ({@code /usr/bin/python3}, {@code /usr/bin/jupyter}) against a private pitwall kernelspec. */
final class JupyterDriver {

    static final Path PYTHON = Path.of("/usr/bin/python3");

    /** What a finished process left. */
    record Result(int exit, String out, String err) {
        String both() {
            return out + "\n--- stderr ---\n" + err;
        }
    }

    private final Path home;
    private final Path jupyterPath;

    private JupyterDriver(Path home) {
        this.home = home;
        this.jupyterPath = home.resolve("jupyter");
    }

    /**
     * Installs the kernelspec under {@code home}/jupyter: the shaded jar when {@code -Dpitwall.jar} names one (as
     * failsafe does after {@code package}), else the classes and libraries of this test run.
     */
    static JupyterDriver install(Path home) {
        assumeTrue(Files.isExecutable(PYTHON) && importable("jupyter_client") && importable("nbconvert"),
                "skipped: /usr/bin/python3 lacks jupyter_client or nbconvert "
                        + "(apt-get install jupyter-notebook python3-nbconvert python3-nbclient)");
        JupyterDriver driver = new JupyterDriver(home);
        spec().writeTo(driver.jupyterPath);
        return driver;
    }

    static KernelSpec spec() {
        String jar = System.getProperty("pitwall.jar");
        return jar != null && Files.isRegularFile(Path.of(jar)) ? KernelSpec.forJar(Path.of(jar)) : KernelSpec.current();
    }

    Path jupyterPath() {
        return jupyterPath;
    }

    /** Runs {@code command} with JUPYTER_PATH on the private kernelspec and Jupyter's state kept under home. */
    Result run(List<String> command, Path cwd, Duration timeout) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(cwd.toFile());
        Map<String, String> env = builder.environment();
        env.put("JUPYTER_PATH", jupyterPath.toString());
        env.put("JUPYTER_CONFIG_DIR", home.resolve("config").toString());
        env.put("JUPYTER_RUNTIME_DIR", home.resolve("runtime").toString());
        env.put("PYTHONUNBUFFERED", "1");
        Path out = Files.createTempFile(home, "out", ".txt");
        Path err = Files.createTempFile(home, "err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish in " + timeout + ":\n" + Files.readString(out)
                    + "\n" + Files.readString(err));
        }
        return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    /** Copies a script from this package's test resources to home. */
    Path script(String name) throws IOException {
        Path file = home.resolve(name);
        try (InputStream in = JupyterDriver.class.getResourceAsStream(name)) {
            Files.write(file, Objects.requireNonNull(in, name).readAllBytes());
        }
        return file;
    }

    /** A notebook for the pitwall kernel with the given code cells. */
    static Path notebook(Path file, String... cells) throws IOException {
        StringBuilder json = new StringBuilder();
        for (String cell : cells) {
            if (!json.isEmpty()) {
                json.append(",\n");
            }
            json.append("{\"cell_type\": \"code\", \"execution_count\": null, \"metadata\": {}, \"outputs\": [], "
                    + "\"source\": ").append(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(cell))
                    .append('}');
        }
        Files.writeString(file, """
                {"nbformat": 4, "nbformat_minor": 4,
                 "metadata": {"kernelspec": {"name": "pitwall", "display_name": "pitwall (Java 25)", "language": "java"}},
                 "cells": [%s]}
                """.formatted(json), StandardCharsets.UTF_8);
        return file;
    }

    private static boolean importable(String module) {
        try {
            Process check = new ProcessBuilder(PYTHON.toString(), "-c", "import " + module)
                    .redirectErrorStream(true).start();
            check.getInputStream().readAllBytes();
            return check.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
