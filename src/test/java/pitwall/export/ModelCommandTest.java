package pitwall.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pitwall.cli.Main;

/** {@code pitwall model verify}: exit 0 for a sound bundle, 1 (one line on stderr) for a tampered one. */
class ModelCommandTest {

    @Test
    void verifiesABundleAndRefusesATamperedOne(@TempDir Path tmp) throws Exception {
        Path dir = TestBundles.copy(TestBundles.shared().bundle().dir(), tmp.resolve("b"));
        assertEquals(0, Main.run("model", "verify", dir.toString()));
        Files.writeString(dir.resolve("README.md"), "edited\n");
        assertEquals(1, Main.run("model", "verify", dir.toString()));
        assertEquals(1, Main.run("model", "verify", tmp.resolve("missing").toString()));
        assertEquals(2, Main.run("serve"), "--model is required");
    }
}
