package pitwall.notebook.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code %maven}: what Maven's dependency list says becomes jars on the kernel's class path, minus what the kernel
 * has. The end-to-end cases run the real {@code mvn} on artifacts this build already keeps in the local repository.
 */
class MavenMagicTest {

    @TempDir
    static Path cache;
    static PitwallKernel kernel;

    @BeforeAll
    static void start() {
        System.setProperty(MavenMagic.CACHE_PROPERTY, cache.toString());
        kernel = PitwallKernel.builder().build();
        kernel.onStartup();
    }

    @AfterAll
    static void stop() {
        kernel.onShutdown(false);
        System.clearProperty(MavenMagic.CACHE_PROPERTY);
    }

    @Test
    void readsMavensDependencyList() {
        Map<String, Path> jars = MavenMagic.parse(List.of("", "The following files have been resolved:",
                "   org.apache.commons:commons-text:jar:1.12.0:compile:/m2/commons-text-1.12.0.jar -- module org.apache.commons.text",
                "   com.example:native:jar:linux-x86_64:2.0:runtime:/m2/native-2.0-linux-x86_64.jar",
                "   com.example:parent:pom:1:compile:/m2/parent-1.pom"));
        assertEquals(Map.of("org.apache.commons:commons-text", Path.of("/m2/commons-text-1.12.0.jar"),
                "com.example:native", Path.of("/m2/native-2.0-linux-x86_64.jar")), jars);
    }

    @Test
    void thePomAsksForEachCoordinate() {
        String pom = MavenMagic.pom(Set.of("g:a:1.0", "g:b:jar:linux:2.0"));
        assertTrue(pom.contains("<groupId>g</groupId><artifactId>a</artifactId><version>1.0</version></dependency>"), pom);
        assertTrue(pom.contains("<artifactId>b</artifactId><version>2.0</version><type>jar</type><classifier>linux</classifier>"),
                pom);
    }

    @Test
    void refusesWhatIsNotACoordinate() {
        MagicException e = assertThrows(MagicException.class, () -> kernel.evalRaw("%maven commons-text"));
        assertEquals("%maven commons-text: not group:artifact:version", e.getMessage());
    }

    @Test
    void resolvesWithMavenAndCellsUseTheJars() throws Exception {
        assumeMaven();
        String out = StandardOut.capture(() -> assertEquals("Max Verstappen", kernel.evalRaw(
                "%maven org.apache.commons:commons-text:1.12.0\n"
                        + "org.apache.commons.text.WordUtils.capitalizeFully(\"max verstappen\")")));
        assertTrue(out.contains("Added to the class path: commons-text-1.12.0.jar, commons-lang3-"), out);
        assertTrue(Files.list(cache).findAny().isPresent(), "the resolution is cached");

        out = StandardOut.capture(() -> kernel.evalRaw("%maven org.apache.commons:commons-csv:1.14.1"));
        assertTrue(out.contains("Already in the kernel (its version is used): org.apache.commons:commons-csv"), out);
    }

    @Test
    void saysWhyMavenFailed() {
        assumeMaven();
        MagicException e = assertThrows(MagicException.class,
                () -> kernel.evalRaw("%maven org.example.nope:no-such-artifact:0.0.1"));
        assertTrue(e.getMessage().startsWith("%maven: Maven failed (exit 1):"), e.getMessage());
        assertTrue(e.getMessage().contains("org.example.nope:no-such-artifact"), e.getMessage());
    }

    private static void assumeMaven() {
        boolean found = false;
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            found |= Files.isExecutable(Path.of(dir, "mvn"));
        }
        assumeTrue(found, "skipped: no mvn on PATH");
    }
}
