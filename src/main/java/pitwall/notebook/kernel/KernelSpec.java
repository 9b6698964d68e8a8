package pitwall.notebook.kernel;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import pitwall.local.LocalException;
import pitwall.local.Project;

/**
 * The kernelspec that tells Jupyter how to start the pitwall kernel: {@code kernels/pitwall/kernel.json} under a
 * Jupyter data directory (one of {@code jupyter --paths}' data dirs, or a directory on {@code JUPYTER_PATH}).
 *
 * @param javaCommand absolute path of the JDK 25 {@code java} to run
 * @param jvmOptions flags before {@code -cp}: the launcher's, the class-data archive, the project root
 * @param classPath  the pitwall jar (or, when not run from a jar, the classes and every library)
 */
public record KernelSpec(Path javaCommand, List<String> jvmOptions, List<Path> classPath) {

    /** The kernel's name: the directory under {@code kernels/}, and what {@code --kernel}/{@code kernel_name} take. */
    public static final String NAME = "pitwall";
    public static final String DISPLAY_NAME = "pitwall (Java 25)";
    /** The class-data archive beside the jar: the JVM writes it on the first exit and maps it on later starts. */
    static final String ARCHIVE = "pitwall-kernel.jsa";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public KernelSpec {
        jvmOptions = List.copyOf(jvmOptions);
        classPath = List.copyOf(classPath);
        if (classPath.isEmpty()) {
            throw new IllegalArgumentException("the kernel needs a class path");
        }
    }

    /**
     * The kernel as this JVM is: its {@code java}, the jar it was loaded from, the launcher's JVM flags, and the
     * project root ({@code -Dpitwall.root}, else the project around the working directory, if any).
     */
    public static KernelSpec current() {
        return KernelClassPath.codeSource(KernelMain.class)
                .filter(p -> Files.isRegularFile(p) && p.toString().endsWith(".jar"))
                .map(KernelSpec::forJar)
                .orElseGet(() -> new KernelSpec(currentJava(), baseOptions(), KernelClassPath.entries()));
    }

    /** The kernel run from {@code jar} (the shaded pitwall jar) by this JVM's {@code java}. */
    public static KernelSpec forJar(Path jar) {
        Path absolute = jar.toAbsolutePath().normalize();
        List<String> options = new ArrayList<>(baseOptions());
        // CDS maps the classes of JShell, javac and the kernel from the archive instead of loading them one by one;
        // it archives jars only, so a kernel run from class directories (tests) starts without one
        options.addAll(List.of("-XX:+AutoCreateSharedArchive", "-XX:SharedArchiveFile=" + absolute.resolveSibling(ARCHIVE),
                "-Xlog:cds*=off"));
        return new KernelSpec(currentJava(), options, List.of(absolute));
    }

    /**
     * Deletes the class-data archive beside {@code jar} when it is older than the jar. JDK 25 maps no archive built
     * for another jar but does not rebuild it either (measured: {@code -XX:+AutoCreateSharedArchive} only creates a
     * missing one), so without this a rebuilt jar would start without an archive for good; with it, the next kernel
     * start writes a fresh one at exit. Returns whether it deleted.
     */
    static boolean dropStaleArchive(Path jar) {
        Path archive = jar.resolveSibling(ARCHIVE);
        try {
            if (Files.isRegularFile(jar) && Files.isRegularFile(archive)
                    && Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(jar)) < 0) {
                return Files.deleteIfExists(archive);
            }
        } catch (IOException e) {
            // a stale archive costs start-up time, nothing else
        }
        return false;
    }

    private static Path currentJava() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toAbsolutePath();
    }

    /** The launcher's flags (see ./pitwall) and the project root, when there is one. */
    private static List<String> baseOptions() {
        List<String> options = new ArrayList<>(List.of("--enable-native-access=ALL-UNNAMED",
                "--sun-misc-unsafe-memory-access=allow"));
        projectRoot().ifPresent(root -> options.add("-D" + Project.ROOT_PROPERTY + "=" + root));
        return options;
    }

    private static Optional<Path> projectRoot() {
        try {
            return Optional.of(Project.locate().root());
        } catch (LocalException e) {
            return Optional.empty();
        }
    }

    /** The command Jupyter runs; it puts the connection file in place of {@code {connection_file}}. */
    public List<String> argv() {
        List<String> argv = new ArrayList<>();
        argv.add(javaCommand.toString());
        argv.addAll(jvmOptions);
        argv.add("-cp");
        argv.add(KernelClassPath.join(classPath));
        argv.add(KernelMain.class.getName());
        argv.add("{connection_file}");
        return argv;
    }

    /** The kernel.json text. Interrupts are messages: a SIGINT would end the JVM instead of stopping the cell. */
    public String json() {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("argv", argv());
        spec.put("display_name", DISPLAY_NAME);
        spec.put("language", "java");
        spec.put("interrupt_mode", "message");
        spec.put("metadata", Map.of("debugger", false));
        try {
            return JSON.writeValueAsString(spec) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Installs the kernel as this JVM runs it ({@link #current()}) under {@code jupyterDataDir}, e.g. a private
     * directory that becomes {@code JUPYTER_PATH} for headless runs; returns the kernel.json written.
     */
    public static Path install(Path jupyterDataDir) {
        return current().writeTo(jupyterDataDir);
    }

    /** Writes {@code kernels/pitwall/kernel.json} under {@code jupyterDataDir}, replacing any; returns that file. */
    public Path writeTo(Path jupyterDataDir) {
        Path dir = kernelDir(jupyterDataDir);
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "kernel", ".json.tmp");
            Files.writeString(tmp, json());
            Path file = dir.resolve("kernel.json");
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the kernelspec to " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Removes {@code kernels/pitwall} under {@code jupyterDataDir}; false if it was not there. */
    public static boolean uninstall(Path jupyterDataDir) {
        Path dir = kernelDir(jupyterDataDir);
        if (!Files.exists(dir)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the kernelspec " + dir + ": " + e.getMessage(), e);
        }
    }

    /** {@code DIR/kernels/pitwall}. */
    public static Path kernelDir(Path jupyterDataDir) {
        return jupyterDataDir.resolve("kernels").resolve(NAME);
    }

    /**
     * The user's Jupyter data directory, as Jupyter finds it: {@code $JUPYTER_DATA_DIR}, else
     * {@code $XDG_DATA_HOME/jupyter} or {@code ~/.local/share/jupyter} (macOS: {@code ~/Library/Jupyter};
     * Windows: {@code %APPDATA%\jupyter}).
     */
    public static Path userDataDir(Map<String, String> env) {
        String explicit = env.get("JUPYTER_DATA_DIR");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit).toAbsolutePath();
        }
        Path home = Path.of(System.getProperty("user.home"));
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("mac")) {
            return home.resolve("Library").resolve("Jupyter");
        }
        if (os.contains("win") && env.get("APPDATA") != null) {
            return Path.of(env.get("APPDATA"), "jupyter");
        }
        String xdg = env.get("XDG_DATA_HOME");
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".local").resolve("share")).resolve("jupyter");
    }

    /** {@code PREFIX/share/jupyter}: the data directory of a Python environment installed at {@code prefix}. */
    public static Path prefixDataDir(Path prefix) {
        return prefix.toAbsolutePath().normalize().resolve("share").resolve("jupyter");
    }
}
