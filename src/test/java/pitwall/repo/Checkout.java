package pitwall.repo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import pitwall.local.Project;

/**
 * The project's git checkout as the repository tests see it: which files git knows, and what it ignores. Paths are
 * relative to the root, with '/'.
 *
 * @param root    the project root
 * @param tracked files in the index (what a clone gets)
 * @param present tracked files plus untracked ones git does not ignore (what the next commit may add)
 */
record Checkout(Path root, Set<String> tracked, Set<String> present) {

    private static final long TIMEOUT_SECONDS = 30;

    static Checkout of(Path root) {
        return new Checkout(root, lines(git(root, null, "ls-files", "-z")),
                lines(git(root, null, "ls-files", "-z", "--cached", "--others", "--exclude-standard")));
    }

    static Checkout project() {
        return of(Project.locate().root());
    }

    /** Every folder that holds a present file, at any depth. */
    Set<String> presentDirs() {
        Set<String> dirs = new HashSet<>();
        for (String file : present) {
            for (int slash = file.indexOf('/'); slash > 0; slash = file.indexOf('/', slash + 1)) {
                dirs.add(file.substring(0, slash));
            }
        }
        return dirs;
    }

    /** The paths among {@code paths} that .gitignore rules ignore (whether or not they exist). */
    Set<String> ignored(List<String> paths) {
        if (paths.isEmpty()) {
            return Set.of();
        }
        return lines(git(root, String.join("\0", paths) + "\0", "check-ignore", "--no-index", "-z", "--stdin"));
    }

    String read(String path) {
        try {
            return Files.readString(root.resolve(path), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    private static Set<String> lines(String zeroSeparated) {
        return new TreeSet<>(Arrays.stream(zeroSeparated.split("\0")).filter(s -> !s.isEmpty()).toList());
    }

    /** Runs git in the root; exit 1 (check-ignore: nothing ignored) counts as success. */
    private static String git(Path root, String input, String... args) {
        String[] command = new String[args.length + 3];
        command[0] = "git";
        command[1] = "-C";
        command[2] = root.toString();
        System.arraycopy(args, 0, command, 3, args.length);
        try {
            Process p = new ProcessBuilder(command).start();
            // Input and output on their own threads: git blocked on either side cannot outlast the timeout.
            Thread writer = Thread.ofVirtual().start(() -> {
                try (OutputStream in = p.getOutputStream()) {
                    if (input != null) {
                        in.write(input.getBytes(StandardCharsets.UTF_8));
                    }
                } catch (IOException ignored) {
                    // git exited early; its exit code says why
                }
            });
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Thread reader = Thread.ofVirtual().start(() -> {
                try {
                    p.getInputStream().transferTo(out);
                    p.getErrorStream().transferTo(err);
                } catch (IOException ignored) {
                    // the process was killed; reported below
                }
            });
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("git " + String.join(" ", args) + " did not finish in "
                        + TIMEOUT_SECONDS + " s");
            }
            writer.join();
            reader.join();
            if (p.exitValue() > 1) {
                throw new IllegalStateException("git " + String.join(" ", args) + " failed with exit code "
                        + p.exitValue() + " in " + root + ": " + err.toString(StandardCharsets.UTF_8).strip());
            }
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run git in " + root + " (these tests need git on PATH)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running git", e);
        }
    }
}
