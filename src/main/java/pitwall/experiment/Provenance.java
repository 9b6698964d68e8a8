package pitwall.experiment;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import pitwall.track.MlflowTags;
import pitwall.track.PitwallTags;

/**
 * Where a result came from: the code (git commit), the data (snapshot hash), the seed, and the platform (JDK, OS,
 * CPU, library versions). Becomes MLflow tags of every run and, later, the manifest of an exported model.
 */
public record Provenance(String gitCommit, String dataSnapshot, long seed, String java, String os, String arch,
                         Map<String, String> libraries) {

    public Provenance {
        libraries = Map.copyOf(libraries);
    }

    /** The provenance of a run started now, from this JVM, in the project at {@code root}. */
    public static Provenance current(Path root, String dataSnapshot, long seed) {
        Map<String, String> libs = new LinkedHashMap<>();
        libs.put("smile", smileVersion());
        libs.put("tablesaw", libraryVersion("tech.tablesaw", "tablesaw-core"));
        libs.put("jackson", libraryVersion("com.fasterxml.jackson.core", "jackson-databind"));
        libs.put("mlflow-client", libraryVersion("org.mlflow", "mlflow-client"));
        return new Provenance(gitCommit(root), dataSnapshot, seed, Runtime.version().toString(),
                System.getProperty("os.name") + " " + System.getProperty("os.version"), System.getProperty("os.arch"),
                libs);
    }

    /** MLflow tags: mlflow.source.git.commit is the key MLflow's UI shows as the commit. */
    public Map<String, String> toTags() {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(MlflowTags.GIT_COMMIT, gitCommit);
        tags.put(PitwallTags.DATA_SNAPSHOT, dataSnapshot);
        tags.put(PitwallTags.SEED, String.valueOf(seed));
        tags.put(PitwallTags.JAVA, java);
        tags.put(PitwallTags.OS, os);
        tags.put(PitwallTags.ARCH, arch);
        libraries.forEach((name, version) -> tags.put(PitwallTags.LIBRARY_PREFIX + name, version));
        return tags;
    }

    /** The version Maven recorded in the library's jar, or "unknown". */
    static String libraryVersion(String group, String artifact) {
        String resource = "/META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        try (InputStream in = Provenance.class.getResourceAsStream(resource)) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static final Pattern SMILE_PROPERTY = Pattern.compile("<smile\\.version>([^<]+)</smile\\.version>");

    /**
     * Smile's jar carries no Maven pom.properties: its version comes from its jar manifest (on a plain class path)
     * or, inside the shaded pitwall jar, from the project's own pom.xml that Maven packs into it.
     */
    public static String smileVersion() {
        String fromJar = smile.data.DataFrame.class.getPackage().getImplementationVersion();
        if (fromJar != null && !fromJar.isBlank()) {
            return fromJar;
        }
        try (InputStream in = Provenance.class.getResourceAsStream("/META-INF/maven/dev.pitwall/pitwall/pom.xml")) {
            if (in != null) {
                Matcher m = SMILE_PROPERTY.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                if (m.find()) {
                    return m.group(1).strip();
                }
            }
        } catch (IOException e) {
            // unknown below
        }
        return "unknown";
    }

    /** HEAD of the project's git checkout, with "-dirty" when tracked files changed; "unknown" outside git. */
    static String gitCommit(Path root) {
        String head = git(root, "rev-parse", "HEAD");
        if (head.isEmpty()) {
            return "unknown";
        }
        String changes = git(root, "status", "--porcelain", "--untracked-files=no");
        return changes.isEmpty() ? head : head + "-dirty";
    }

    private static String git(Path root, String... args) {
        try {
            String[] command = new String[args.length + 3];
            command[0] = "git";
            command[1] = "-C";
            command[2] = root.toString();
            System.arraycopy(args, 0, command, 3, args.length);
            Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return "";
            }
            return out;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
