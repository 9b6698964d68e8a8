package pitwall.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Sha256Test {

    // FIPS 180-2 test vectors, as sha256sum prints them.
    private static final String EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    @TempDir
    Path temp;

    @Test
    void bytesFilesAndStreamsHashToTheSameLowerCaseHex() throws IOException {
        byte[] abc = "abc".getBytes(StandardCharsets.US_ASCII);
        assertEquals(EMPTY, Sha256.hex(new byte[0]));
        assertEquals(ABC, Sha256.hex(abc));
        Path file = Files.write(temp.resolve("abc.csv"), abc);
        assertEquals(ABC, Sha256.hex(file));
        try (DigestInputStream in = new DigestInputStream(new ByteArrayInputStream(abc), Sha256.newDigest())) {
            in.transferTo(OutputStream.nullOutputStream());
            assertEquals(ABC, Sha256.hex(in.getMessageDigest()));
        }
    }

    @Test
    void aMissingFileNamesItself() {
        Path missing = temp.resolve("races.csv");
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> Sha256.hex(missing));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    @Test
    void onlyTheSpellingHexProducesIsHex() {
        assertTrue(Sha256.isHex(ABC));
        assertFalse(Sha256.isHex(ABC.toUpperCase()));
        assertFalse(Sha256.isHex(ABC.substring(1)));
        assertFalse(Sha256.isHex(ABC + "0"));
        assertFalse(Sha256.isHex(null));
    }
}
