package pitwall.notebook.kernel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import pitwall.local.Sha256;

/**
 * {@code %maven group:artifact:version ...}: resolves artifacts and their runtime dependencies with the real Maven
 * ({@code mvn} on PATH, with its own settings and local repository) and adds the jars to the kernel.
 *
 * <p>Artifacts the kernel already has (any version) are left out, so cells keep using the workbench's own
 * libraries and never see two versions of one class. A resolved set is remembered under
 * {@code ~/.cache/pitwall/maven} (or {@code -Dpitwall.maven.cache}), so re-running the cell needs no Maven at all.
 */
final class MavenMagic {

    /** group:artifact:version, or Maven's group:artifact:type[:classifier]:version. */
    private static final Pattern COORDINATE = Pattern.compile("[\\w.-]+:[\\w.-]+(?::[\\w.-]+){1,3}");
    private static final String DEPENDENCY_PLUGIN = "org.apache.maven.plugins:maven-dependency-plugin:3.8.1";
    /** A line of dependency:list: group:artifact:type[:classifier]:version:scope:/absolute/file[ -- module x]. */
    private static final Pattern LISTED = Pattern.compile(
            "^\\s*([\\w.-]+):([\\w.-]+):[\\w.-]+(?::[\\w.-]+)?:[\\w.-]+:(?:compile|runtime|provided|system):(/.+?)"
                    + "(?:\\s+--\\s+module.*)?$");
    private static final long TIMEOUT_MINUTES = 10;
    /** Overrides the cache folder ({@code ~/.cache/pitwall/maven}). */
    static final String CACHE_PROPERTY = "pitwall.maven.cache";

    private static volatile Set<String> provided;

    private MavenMagic() {
    }

    static void maven(PitwallKernel kernel, List<String> args) {
        if (args.isEmpty()) {
            throw new MagicException("%maven needs coordinates, e.g. %maven org.apache.commons:commons-text:1.12.0");
        }
        for (String coordinate : args) {
            if (!COORDINATE.matcher(coordinate).matches()) {
                throw new MagicException("%maven " + coordinate + ": not group:artifact:version");
            }
        }
        Map<String, Path> resolved = resolve(new TreeSet<>(args), cacheDir());
        Set<String> kernelHas = providedArtifacts();
        List<Path> jars = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        resolved.forEach((groupArtifact, jar) -> {
            if (kernelHas.contains(groupArtifact)) {
                skipped.add(groupArtifact);
            } else {
                jars.add(jar);
            }
        });
        if (!skipped.isEmpty()) {
            System.out.println("Already in the kernel (its version is used): " + String.join(", ", skipped));
        }
        if (!jars.isEmpty()) {
            kernel.addToClasspath(jars);
        }
    }

    /** group:artifact to jar for the artifacts and their runtime dependencies; cached per set of coordinates. */
    static Map<String, Path> resolve(Set<String> coordinates, Path cacheRoot) {
        Path dir = cacheRoot.resolve(hash(String.join("\n", coordinates)));
        Path list = dir.resolve("dependencies.txt");
        try {
            if (Files.isRegularFile(list)) {
                Map<String, Path> cached = parse(Files.readAllLines(list));
                if (!cached.isEmpty() && cached.values().stream().allMatch(Files::isRegularFile)) {
                    return cached;
                }
            }
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("pom.xml"), pom(coordinates));
            Path log = dir.resolve("mvn.log");
            Files.deleteIfExists(list);
            runMaven(dir, log, list);
            Map<String, Path> resolved = parse(Files.exists(list) ? Files.readAllLines(list) : List.of());
            if (resolved.isEmpty()) {
                throw new MagicException("%maven " + String.join(" ", coordinates) + ": Maven resolved no jars (log: "
                        + log + ")");
            }
            return resolved;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void runMaven(Path dir, Path log, Path list) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("mvn", "-B", "-f", dir.resolve("pom.xml").toString(),
                DEPENDENCY_PLUGIN + ":list", "-DincludeScope=runtime", "-DoutputAbsoluteArtifactFilename=true",
                "-DoutputFile=" + list, "-DappendOutput=false")
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // Maven runs on this JDK (25), whatever JAVA_HOME the notebook server was started with
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process mvn;
        try {
            mvn = builder.start();
        } catch (IOException e) {
            throw new MagicException("%maven needs Maven (mvn) on PATH: " + e.getMessage()
                    + ". Install it (Debian: apt-get install maven), or add jars with %jars.");
        }
        try {
            if (!mvn.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                mvn.destroyForcibly();
                throw new MagicException("%maven: Maven did not finish in " + TIMEOUT_MINUTES + " minutes (log: " + log + ")");
            }
        } catch (InterruptedException e) {
            mvn.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new MagicException("%maven: interrupted while Maven resolved");
        }
        if (mvn.exitValue() != 0) {
            throw new MagicException("%maven: Maven failed (exit " + mvn.exitValue() + "):\n" + errors(log)
                    + "\n(full log: " + log + ")");
        }
    }

    private static String errors(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        List<String> errors = lines.stream().filter(l -> l.startsWith("[ERROR]"))
                .filter(l -> !l.strip().equals("[ERROR]") && !l.contains("-> [Help 1]") && !l.contains("re-run Maven")
                        && !l.contains("full debug logging") && !l.contains("more information about the errors")
                        && !l.contains("MojoExecutionException") && !l.contains("DependencyResolutionException"))
                .limit(8).toList();
        return String.join("\n", errors.isEmpty() ? lines.subList(Math.max(0, lines.size() - 8), lines.size()) : errors);
    }

    static Map<String, Path> parse(List<String> lines) {
        Map<String, Path> jars = new LinkedHashMap<>();
        for (String line : lines) {
            Matcher m = LISTED.matcher(line);
            if (m.matches() && m.group(3).endsWith(".jar")) {
                jars.put(m.group(1) + ":" + m.group(2), Path.of(m.group(3).strip()));
            }
        }
        return jars;
    }

    static String pom(Set<String> coordinates) {
        StringBuilder deps = new StringBuilder();
        for (String coordinate : coordinates) {
            String[] p = coordinate.split(":");
            String version = p[p.length - 1];
            deps.append("    <dependency><groupId>").append(p[0]).append("</groupId><artifactId>").append(p[1])
                    .append("</artifactId><version>").append(version).append("</version>");
            if (p.length >= 4) {
                deps.append("<type>").append(p[2]).append("</type>");
            }
            if (p.length == 5) {
                deps.append("<classifier>").append(p[3]).append("</classifier>");
            }
            deps.append("</dependency>\n");
        }
        return """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>pitwall.notebook</groupId>
                  <artifactId>maven-magic</artifactId>
                  <version>1</version>
                  <packaging>pom</packaging>
                  <dependencies>
                %s  </dependencies>
                </project>
                """.formatted(deps);
    }

    /** group:artifact of every library the kernel itself has (from the pom.properties its jars carry). */
    static Set<String> providedArtifacts() {
        Set<String> known = provided;
        if (known == null) {
            Set<String> found = new TreeSet<>();
            for (Path entry : KernelClassPath.entries()) {
                if (Files.isRegularFile(entry) && entry.toString().endsWith(".jar")) {
                    found.addAll(pomProperties(entry));
                }
            }
            provided = known = Set.copyOf(found);
        }
        return known;
    }

    private static List<String> pomProperties(Path jar) {
        List<String> artifacts = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            file.stream().map(JarEntry::getName)
                    .filter(n -> n.startsWith("META-INF/maven/") && n.endsWith("/pom.properties"))
                    .forEach(n -> {
                        String[] parts = n.split("/");
                        if (parts.length == 5) {
                            artifacts.add(parts[2] + ":" + parts[3]);
                        }
                    });
        } catch (IOException e) {
            // an unreadable jar provides nothing we can name
        }
        return artifacts;
    }

    private static Path cacheDir() {
        String explicit = System.getProperty(CACHE_PROPERTY);
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("pitwall").resolve("maven");
    }

    private static String hash(String text) {
        return Sha256.hex(text.getBytes(StandardCharsets.UTF_8)).substring(0, 16); // 8 bytes name a cache entry
    }
}
