package dev.sluice.backup;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;

/**
 * Loads one table's rows from the script {@code pg_restore --data-only --table=T} writes, through COPY on
 * a connection Sluice controls, so that the delete of the old rows and the load of the backup's rows are
 * one transaction: when the load fails (the table gained a NOT NULL column since the backup, lost a
 * column, a row breaks a constraint) the caller rolls back and the table keeps every row it had.
 *
 * <p>Only the script's {@code COPY <table> (columns) FROM stdin;} block is used (pg_restore's
 * {@code --schema} and {@code --table} leave that one table's); its {@code SET} lines are
 * session settings for a psql run and are not needed for one COPY. Hazard: the rows are passed through
 * byte for byte, so the dump must be in UTF8 (or SQL_ASCII), the encoding pgjdbc connects with; another
 * encoding is refused before anything is loaded.
 */
final class TableData {

    private static final Set<String> PASSED_THROUGH = Set.of("UTF8", "SQL_ASCII");

    private TableData() {
    }

    /**
     * Reads the script from {@code script} and copies the rows of {@code qualified} into it on {@code c},
     * inside the caller's transaction; returns the number of rows copied.
     */
    static long copyIn(Connection c, String qualified, InputStream script) throws SQLException {
        try {
            String line;
            while ((line = readLine(script)) != null) {
                if (line.startsWith("SET client_encoding = '")) {
                    String encoding = line.substring("SET client_encoding = '".length()).replaceAll("'.*", "");
                    if (!PASSED_THROUGH.contains(encoding)) {
                        throw new BackupException("the backup is in encoding " + encoding + "; a table restore loads rows "
                                + "as UTF8 only: restore the whole database instead");
                    }
                }
                if (line.startsWith("COPY ") && line.endsWith(" FROM stdin;")) {
                    return load(c, line.substring(0, line.length() - 1), script);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the output of pg_restore", e);
        }
        throw new BackupException("the backup holds no rows for " + qualified + " (pg_restore wrote no COPY for it)");
    }

    private static long load(Connection c, String copySql, InputStream script) throws SQLException, IOException {
        CopyIn in = c.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql);
        boolean done = false;
        try {
            ByteArrayOutputStream batch = new ByteArrayOutputStream(1 << 16);
            ByteArrayOutputStream row = new ByteArrayOutputStream(256);
            while (true) {
                row.reset();
                if (!readLine(script, row)) {
                    throw new BackupException("the output of pg_restore ended inside the rows of the table (no \\. line)");
                }
                byte[] bytes = row.toByteArray();
                if (bytes.length == 2 && bytes[0] == '\\' && bytes[1] == '.') {
                    break;
                }
                batch.write(bytes);
                batch.write('\n');
                if (batch.size() >= 1 << 16) {
                    in.writeToCopy(batch.toByteArray(), 0, batch.size());
                    batch.reset();
                }
            }
            if (batch.size() > 0) {
                in.writeToCopy(batch.toByteArray(), 0, batch.size());
            }
            long rows = in.endCopy();
            done = true;
            return rows;
        } finally {
            if (!done && in.isActive()) {
                in.cancelCopy();
            }
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        return readLine(in, line) ? line.toString(StandardCharsets.UTF_8) : null;
    }

    /** Appends one line without its newline to {@code line}; false at the end of the stream. */
    private static boolean readLine(InputStream in, ByteArrayOutputStream line) throws IOException {
        int b;
        boolean any = false;
        while ((b = in.read()) >= 0) {
            any = true;
            if (b == '\n') {
                return true;
            }
            line.write(b);
        }
        return any;
    }
}
