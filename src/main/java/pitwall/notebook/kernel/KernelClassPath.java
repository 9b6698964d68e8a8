package pitwall.notebook.kernel;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The class path cells compile against: the kernel's own jar (or classes) and its libraries. Derived from where the
 * kernel's classes were loaded and from {@code java.class.path}, with jars' {@code Class-Path} manifests expanded, so it
 * is right from the shaded jar and under Surefire (whose class path may be one manifest-only booter jar).
 */
final class KernelClassPath {

    private KernelClassPath() {
    }

    /** Every entry, absolute, in class path order, without duplicates. */
    static List<Path> entries() {
        Set<Path> entries = new LinkedHashSet<>();
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                addExpanded(Path.of(entry), entries);
            }
        }
        for (Class<?> anchor : List.of(KernelClassPath.class, org.dflib.jjava.jupyter.kernel.BaseKernel.class,
                tech.tablesaw.api.Table.class)) {
            codeSource(anchor).ifPresent(p -> addExpanded(p, entries));
        }
        return List.copyOf(entries);
    }

    /** The jar or directory a class was loaded from, if it came from a file. */
    static Optional<Path> codeSource(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Path.of(source.getLocation().toURI()).toAbsolutePath().normalize());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Joins entries with the platform's path separator. */
    static String join(List<Path> entries) {
        List<String> parts = new ArrayList<>();
        entries.forEach(p -> parts.add(p.toString()));
        return String.join(File.pathSeparator, parts);
    }

    private static void addExpanded(Path entry, Set<Path> entries) {
        Path absolute = entry.toAbsolutePath().normalize();
        if (!Files.exists(absolute) || !entries.add(absolute)) {
            return;
        }
        if (!Files.isRegularFile(absolute) || !absolute.toString().endsWith(".jar")) {
            return;
        }
        for (Path referenced : manifestClassPath(absolute)) {
            addExpanded(referenced, entries);
        }
    }

    private static List<Path> manifestClassPath(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            String classPath = manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
            if (classPath == null || classPath.isBlank()) {
                return List.of();
            }
            URI base = jar.getParent().toUri();
            List<Path> paths = new ArrayList<>();
            for (String item : classPath.trim().split("\\s+")) {
                try {
                    URI uri = base.resolve(item);
                    if ("file".equals(uri.getScheme())) {
                        paths.add(Path.of(uri));
                    }
                } catch (IllegalArgumentException e) {
                    // not a file URL: javac would not use it either
                }
            }
            return paths;
        } catch (IOException e) {
            return List.of();
        }
    }
}
