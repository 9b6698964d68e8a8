package pitwall.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiKeyTest {

    @TempDir
    Path temp;

    @Test
    void environmentOrTheLocalDevDefault() {
        assertEquals(new ApiKey("pitwall-local-dev-key", true), ApiKey.from(Map.of()));
        assertEquals(new ApiKey("s3cret-Key", false), ApiKey.from(Map.of("PREDICTIONS_API_KEY", "s3cret-Key")));
        assertEquals(new ApiKey("pitwall-local-dev-key", true), ApiKey.from(Map.of("PREDICTIONS_API_KEY", " ")));
    }

    @Test
    void theValueIsNeverPrinted() {
        ApiKey key = new ApiKey("s3cret-Key", false);
        assertFalse(key.toString().contains("s3cret"), key.toString());
        LocalException e = assertThrows(LocalException.class, () -> new ApiKey("has 'quote", false));
        assertFalse(e.getMessage().contains("quote'"), e.getMessage());
    }

    @Test
    void envFileIsOwnerOnly() throws IOException {
        Path file = new ApiKey("s3cret-Key", false).writeEnvFile(temp.resolve("sub/worker.env"));
        assertEquals("PREDICTIONS_API_KEY='s3cret-Key'\n", Files.readString(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }
}
