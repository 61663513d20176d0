package dev.sluice.backup;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;

/**
 * The schema fingerprint from {@code pg_dump --schema-only}: SHA-256 of its output without comments,
 * blank lines, session settings and psql meta-commands (which carry a random key in recent releases),
 * with owners, privileges, Sluice's history table and the {@code sluice_backup} schema left out, so a
 * restore by another role or a table copy does not change it.
 *
 * <p>The connection's URL and user name say which database to dump; the password comes from the
 * constructor, since a {@link Connection} does not give it back.
 */
public final class PgDumpSchemaFingerprinter implements SchemaFingerprinter {

    private final PgTools tools;
    private final String password;
    private final String historyTable;

    /**
     * @param historyTable the qualified history table name, e.g. {@code public.sluice_history}
     */
    public PgDumpSchemaFingerprinter(PgTools tools, String password, String historyTable) {
        this.tools = tools;
        this.password = password;
        this.historyTable = historyTable;
    }

    @Override
    public String fingerprint(Connection connection) throws SQLException {
        PgTarget target = PgTarget.fromJdbcUrl(connection.getMetaData().getURL(), connection.getMetaData().getUserName(),
                password);
        byte[] dump = tools.dump(target, List.of("--schema-only", "--no-owner", "--no-privileges",
                "--exclude-table=" + historyTable, "--exclude-schema=" + TableBackups.SCHEMA));
        return sha256(normalize(new String(dump, StandardCharsets.UTF_8)));
    }

    /** The dump without what changes between two dumps of the same schema. */
    static String normalize(String dump) {
        StringBuilder sb = new StringBuilder();
        for (String line : dump.split("\n")) {
            String l = line.stripTrailing();
            if (l.isBlank() || l.startsWith("--") || l.startsWith("SET ") || l.startsWith("\\")
                    || l.startsWith("SELECT pg_catalog.set_config(")) {
                continue;
            }
            sb.append(l).append('\n');
        }
        return sb.toString();
    }

    static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
