package dev.sluice.postgres;

import dev.sluice.postgres.internal.PostgresCluster;
import dev.sluice.testing.InstalledPostgres;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A throwaway cluster runs from an installed PostgreSQL as well as from the bundled one, and cleans up after itself. */
class InstalledClusterIT {

    @Test
    void throwawayClusterFromInstalledBinaries() throws Exception {
        PostgresBinaries binaries = InstalledPostgres.binaries();
        String expectedMajor = binaries.home().getFileName().toString();
        java.nio.file.Path data;
        try (PostgresCluster cluster = PostgresCluster.startThrowaway(binaries)) {
            data = cluster.dataDir();
            try (Connection c = cluster.connect("postgres"); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select current_setting('server_version_num')::int / 10000")) {
                assertTrue(rs.next());
                if (expectedMajor.matches("\\d+")) {
                    assertEquals(Integer.parseInt(expectedMajor), rs.getInt(1));
                }
            }
        }
        assertFalse(java.nio.file.Files.exists(data));
    }
}
