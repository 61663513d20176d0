package dev.sluice.postgres.internal;

import dev.sluice.postgres.PostgresBinaries;
import dev.sluice.testing.InstalledPostgres;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A scratch server of a major that is neither bundled nor installed (16), run from the pinned Maven
 * artifact in the local repository, where the build's pre-integration-test phase puts it. Skipped where
 * that jar is missing (a build run offline), except in CI.
 */
class MavenBinariesIT {

    @Test
    void runsAServerOfThePinnedMajorFromTheLocalRepository() throws Exception {
        MavenBinaries.Pin pin = MavenBinaries.pin(16).orElseThrow();
        if (!Files.isRegularFile(MavenBinaries.jar(pin))) {
            InstalledPostgres.skipOrFailInCi("fetch it with ./mvnw dependency:get -Dartifact=" + pin.coordinates());
        }
        PostgresBinaries binaries = PostgresBinaries.forMajor(16);
        assertEquals(16, binaries.majorVersion());
        try (PostgresCluster cluster = PostgresCluster.startThrowaway(binaries);
             Connection c = cluster.connect("postgres"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select current_setting('server_version_num')::int / 10000")) {
            rs.next();
            assertEquals(16, rs.getInt(1));
        }
    }
}
