package pitwall.notebook.kernel;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code %classpath PATH...} and {@code %jars GLOB...}: add jars and class directories to the running kernel, as
 * IJava does. Relative paths resolve against the kernel's working directory (the notebook's folder); {@code ~} is the
 * home directory; globs ({@code *}, {@code **}, {@code ?}, {@code [..]}, <code>{a,b}</code>) are expanded.
 */
final class ClassPathMagics {

    private ClassPathMagics() {
    }

    /** {@code %jars lib/*.jar ~/jars/x.jar}: every jar matched; a directory stands for the jars directly in it. */
    static void jars(PitwallKernel kernel, List<String> args) {
        if (args.isEmpty()) {
            throw new MagicException("%jars needs at least one jar, directory or glob, e.g. %jars lib/*.jar");
        }
        Set<Path> jars = new LinkedHashSet<>();
        for (String arg : args) {
            List<Path> matched = new ArrayList<>();
            for (Path path : expand(arg)) {
                if (Files.isDirectory(path)) {
                    matched.addAll(list(path).stream().filter(ClassPathMagics::isJar).toList());
                } else if (isJar(path)) {
                    matched.add(path);
                }
            }
            if (matched.isEmpty()) {
                throw new MagicException("%jars " + arg + ": no jar matches " + resolve(arg));
            }
            jars.addAll(matched);
        }
        kernel.addToClasspath(List.copyOf(jars));
    }

    /** {@code %classpath target/classes:lib/x.jar}: entries separated by spaces or the path separator. */
    static void classpath(PitwallKernel kernel, List<String> args) {
        if (args.isEmpty()) {
            throw new MagicException("%classpath needs at least one jar or directory, e.g. %classpath target/classes");
        }
        Set<Path> entries = new LinkedHashSet<>();
        for (String arg : args) {
            for (String part : arg.split(File.pathSeparator)) {
                if (part.isBlank()) {
                    continue;
                }
                List<Path> matched = expand(part);
                if (matched.isEmpty()) {
                    throw new MagicException("%classpath " + part + ": nothing at " + resolve(part));
                }
                entries.addAll(matched);
            }
        }
        kernel.addToClasspath(List.copyOf(entries));
    }

    /** The existing files a path or glob names, sorted. */
    static List<Path> expand(String pathOrGlob) {
        Path resolved = resolve(pathOrGlob);
        String text = resolved.toString();
        int firstGlob = indexOfGlob(text);
        if (firstGlob < 0) {
            return Files.exists(resolved) ? List.of(resolved) : List.of();
        }
        int baseEnd = text.lastIndexOf(File.separatorChar, firstGlob);
        Path base = Path.of(baseEnd <= 0 ? File.separator : text.substring(0, baseEnd));
        if (!Files.isDirectory(base)) {
            return List.of();
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + text.replace("\\", "\\\\"));
        int depth = text.contains("**") ? Integer.MAX_VALUE
                : (int) text.substring(baseEnd + 1).chars().filter(c -> c == File.separatorChar).count() + 1;
        try (Stream<Path> walk = Files.walk(base, depth)) {
            return walk.filter(matcher::matches).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path resolve(String path) {
        String expanded = path.equals("~") || path.startsWith("~/")
                ? System.getProperty("user.home") + path.substring(1) : path;
        return Path.of(expanded).toAbsolutePath().normalize();
    }

    private static int indexOfGlob(String text) {
        for (int i = 0; i < text.length(); i++) {
            if ("*?[{".indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isJar(Path path) {
        return Files.isRegularFile(path) && path.getFileName().toString().endsWith(".jar");
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
