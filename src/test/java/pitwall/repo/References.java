package pitwall.repo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds references in prose (Java comments, Markdown, notebook cells) to repository files that do not exist.
 *
 * <p>The rule, kept simple so that it rarely cries wolf:
 * <ul>
 *   <li>a path with a slash whose first folder is a top-level folder of the repository (or {@code docs/}) must
 *       exist, relative to the referring file's folder or to the root, when it names a file (has an extension),
 *       ends with '/', has three or more parts, or starts with {@code docs/} or {@code bench/};</li>
 *   <li>a Markdown file name ({@code *.md}) anywhere, even inside an absolute path, must be the name of some file
 *       of the repository (a document kept elsewhere is no help to a reader of a clone);</li>
 *   <li>a {@code #section} after a Markdown path must be a heading of that file (GitHub's anchor rule);</li>
 *   <li>a path into the shared folder beside the checkout must lead to its {@code data} folder, the one outside
 *       folder the project reads.</li>
 * </ul>
 * Not references: URLs, paths git ignores (generated: {@code models/…}, {@code target/…}), placeholders
 * ({@code <version>}, {@code {id}}, {@code *}, {@code …}, or a part spelled NAME, YYYY, HASH, DIR, FILE, ID, RUN_ID,
 * VERSION or PREFIX), and, in Java, anything outside comments.
 */
final class References {

    /** A reference that leads nowhere. */
    record Problem(String file, String reference, String reason) {
        @Override
        public String toString() {
            return file + ": " + reference + " (" + reason + ")";
        }
    }

    private static final Pattern URL = Pattern.compile("[a-z][a-z0-9+.-]*://\\S+");
    private static final String PART = "(?:[\\w.<>*…-]|\\{[\\w-]+})+";
    private static final Pattern PATH = Pattern.compile(
            "(?<![\\w./~$@:{-])((?:\\.\\.?/)*" + PART + "(?:/" + PART + ")+/?)(#[\\w-]+)?");
    private static final Pattern MARKDOWN_NAME = Pattern.compile("(?<![\\w.-])([\\w.-]+\\.md)\\b(#[\\w-]+)?");
    private static final Pattern EXTENSION = Pattern.compile("\\.[A-Za-z0-9]{1,8}$");
    private static final Pattern PLACEHOLDER = Pattern.compile(
            "[<>{}*…]|\\.\\.\\.|(?<![A-Za-z])(NAME|YYYY|HASH|DIR|FILE|ID|RUN_ID|VERSION|PREFIX)(?![A-Za-z])");
    private static final Set<String> ALWAYS_CHECKED = Set.of("docs", "bench");

    private final Checkout checkout;
    private final Set<String> dirs;
    private final Set<String> topFolders = new HashSet<>(ALWAYS_CHECKED);
    private final Map<String, Integer> namesCount = new HashMap<>();
    private final Map<String, Set<String>> anchors = new HashMap<>();

    References(Checkout checkout) {
        this.checkout = checkout;
        this.dirs = checkout.presentDirs();
        for (String dir : dirs) {
            if (!dir.contains("/")) {
                topFolders.add(dir);
            }
        }
        for (String file : checkout.present()) {
            namesCount.merge(file.substring(file.lastIndexOf('/') + 1), 1, Integer::sum);
        }
    }

    /** The problems of one file's prose; {@code file} (relative to the root) is where relative paths start. */
    List<Problem> check(String file, String prose) {
        String text = blankUrls(prose);
        String folder = file.contains("/") ? file.substring(0, file.lastIndexOf('/')) : "";
        List<Problem> problems = new ArrayList<>();
        boolean[] judged = new boolean[text.length()];
        List<Candidate> candidates = new ArrayList<>();
        Matcher m = PATH.matcher(text);
        while (m.find()) {
            String path = trimEnd(m.group(1));
            if (path.startsWith("../")) {
                if (path.startsWith("../shared/") && !path.equals("../shared/data")
                        && !path.startsWith("../shared/data/")) {
                    problems.add(new Problem(file, path, "outside the repository; only ../shared/data is read"));
                }
                mark(judged, m.start(), m.end());
                continue;
            }
            String relative = path.startsWith("./") ? path.substring(2) : path;
            int slash = relative.indexOf('/');
            String first = slash < 0 ? "" : relative.substring(0, slash); // "./pitwall" is a command, not a folder
            if (!topFolders.contains(first)) {
                continue;
            }
            mark(judged, m.start(), m.end());
            if (PLACEHOLDER.matcher(relative).find() || !checked(relative, first)) {
                continue;
            }
            candidates.add(new Candidate(path, relative, m.group(2)));
        }
        List<Candidate> unresolved = new ArrayList<>();
        for (Candidate c : candidates) {
            String target = resolve(folder, strip(c.relative));
            if (target == null) {
                unresolved.add(c);
            } else {
                checkAnchor(file, c.path, target, c.anchor, problems);
            }
        }
        // Asked of git only for what does not resolve: one process per file at most, usually none.
        Set<String> ignored = checkout.ignored(unresolved.stream().flatMap(c -> asFileAndFolder(c.relative)).toList());
        for (Candidate c : unresolved) {
            if (asFileAndFolder(c.relative).noneMatch(ignored::contains)) {
                problems.add(new Problem(file, c.path, "no such file or folder in the repository"));
            }
        }
        Matcher md = MARKDOWN_NAME.matcher(text);
        while (md.find()) {
            if (judged[md.start()]) {
                continue;
            }
            String name = md.group(1);
            String target = resolve(folder, name);
            if (target == null && namesCount.getOrDefault(name, 0) == 0) {
                problems.add(new Problem(file, name, "no file of that name in the repository"));
            } else if (target != null) {
                checkAnchor(file, name, target, md.group(2), problems);
            }
        }
        return problems;
    }

    private record Candidate(String path, String relative, String anchor) {
    }

    /** The path as a file and as a folder, since .gitignore rules may be for folders only; a file stays a file. */
    private Stream<String> asFileAndFolder(String relative) {
        String bare = strip(relative);
        Path onDisk = checkout.root().resolve(bare);
        boolean file = Files.exists(onDisk, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(onDisk);
        return file ? Stream.of(bare) : Stream.of(bare, bare + "/");
    }

    private static boolean checked(String relative, String first) {
        return relative.endsWith("/") || EXTENSION.matcher(relative).find() || relative.split("/").length >= 3
                || ALWAYS_CHECKED.contains(first);
    }

    /** The repository path {@code path} names from {@code folder}, else from the root; null if neither exists. */
    private String resolve(String folder, String path) {
        for (String candidate : List.of(normalize(folder.isEmpty() ? path : folder + "/" + path), path)) {
            if (checkout.present().contains(candidate) || dirs.contains(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private void checkAnchor(String file, String reference, String target, String anchor, List<Problem> problems) {
        if (anchor == null || !target.endsWith(".md") || !checkout.present().contains(target)) {
            return;
        }
        Set<String> headings = anchors.computeIfAbsent(target, t -> headingAnchors(checkout.read(t)));
        if (!headings.contains(anchor.substring(1))) {
            problems.add(new Problem(file, reference + anchor, "no such section in " + target + "; sections: "
                    + headings));
        }
    }

    /** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
    static Set<String> headingAnchors(String markdown) {
        Set<String> anchors = new HashSet<>();
        boolean fenced = false;
        for (String line : markdown.split("\n")) {
            if (line.startsWith("```")) {
                fenced = !fenced;
            } else if (!fenced && line.matches("#{1,6} .*")) {
                String title = line.replaceFirst("#{1,6} ", "").strip().toLowerCase(Locale.ROOT);
                anchors.add(title.replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'));
            }
        }
        return anchors;
    }

    /** The comments of a Java source file, other text blanked (so offsets and line numbers stay). */
    static String javaComments(String source) {
        StringBuilder out = new StringBuilder(source.length());
        int i = 0;
        int n = source.length();
        while (i < n) {
            int end;
            boolean comment = false;
            if (source.startsWith("\"\"\"", i)) {
                end = source.indexOf("\"\"\"", i + 3);
                while (end > 0 && source.charAt(end - 1) == '\\') {
                    end = source.indexOf("\"\"\"", end + 1);
                }
                end = end < 0 ? n : end + 3;
            } else if (source.charAt(i) == '"' || source.charAt(i) == '\'') {
                char quote = source.charAt(i);
                end = i + 1;
                while (end < n && source.charAt(end) != quote && source.charAt(end) != '\n') {
                    end += source.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(n, end + 1);
            } else if (source.startsWith("//", i)) {
                end = source.indexOf('\n', i);
                end = end < 0 ? n : end;
                comment = true;
            } else if (source.startsWith("/*", i)) {
                end = source.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                comment = true;
            } else {
                end = i + 1;
            }
            for (int j = i; j < end; j++) {
                char c = source.charAt(j);
                out.append(comment || c == '\n' ? c : ' ');
            }
            i = end;
        }
        return out.toString();
    }

    /** The text of a notebook's cells (Markdown and code), one cell after another. */
    static String notebookCells(String json) {
        try {
            StringBuilder out = new StringBuilder();
            for (JsonNode cell : new ObjectMapper().readTree(json).path("cells")) {
                JsonNode source = cell.path("source");
                if (source.isArray()) {
                    source.forEach(line -> out.append(line.asText()));
                } else {
                    out.append(source.asText());
                }
                out.append('\n');
            }
            return out.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("not a notebook: " + e.getMessage(), e);
        }
    }

    private static String blankUrls(String text) {
        return URL.matcher(text).replaceAll(r -> " ".repeat(r.group().length()));
    }

    private static void mark(boolean[] judged, int from, int to) {
        for (int i = from; i < to; i++) {
            judged[i] = true;
        }
    }

    /** Sentence punctuation after a path is not part of it. */
    private static String trimEnd(String path) {
        String p = path;
        while (p.endsWith(".") || p.endsWith("-")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    private static String strip(String path) {
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static String normalize(String path) {
        List<String> parts = new ArrayList<>();
        for (String part : path.split("/")) {
            if (part.equals("..") && !parts.isEmpty()) {
                parts.removeLast();
            } else if (!part.equals(".") && !part.isEmpty()) {
                parts.add(part);
            }
        }
        return String.join("/", parts);
    }
}
