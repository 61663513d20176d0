package dev.sluice.cli;

import dev.sluice.postgres.EmbeddedPostgres;
import dev.sluice.db.DatabaseUrl;
import dev.sluice.db.LibpqUrl;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code sluice url}: the target's JDBC URL and a psql command line for it, so a person can look at the
 * database with their own tools. For the embedded database it starts the server and leaves it running
 * (the other commands stop theirs when they end), on a port derived from the project's path, so the
 * same project prints the same URL each time; {@code --stop} stops it.
 *
 * <p>Hazard: a password is never printed: not the configured one, nor one written in the URL.
 */
@Command(name = "url", description = "Print the database's JDBC URL and a psql command for it; for the embedded "
        + "database, start it and keep it running for psql (--stop stops it).")
final class UrlCommand extends ProjectCommand {

    /** The connection parameters psql knows, in the driver's spelling and libpq's. */
    private static final List<String[]> PSQL_PARAMS = List.of(new String[]{"sslmode", "sslmode"},
            new String[]{"sslcert", "sslcert"}, new String[]{"sslkey", "sslkey"}, new String[]{"sslrootcert", "sslrootcert"},
            new String[]{"connectTimeout", "connect_timeout"}, new String[]{"ApplicationName", "application_name"},
            new String[]{"options", "options"});
    private static final Pattern JDBC = Pattern.compile("jdbc:postgresql://([^/?]*)/?([^?]*)\\??(.*)");

    @Option(names = "--stop", description = "Stop the embedded database that an earlier 'sluice url' left running.")
    boolean stop;

    @Override
    int run(Project project) {
        if (stop) {
            if (!project.usesEmbedded()) {
                throw new CliException(ExitCodes.USAGE, "--stop stops the embedded database, but a URL is configured");
            }
            boolean wasRunning = EmbeddedPostgres.stop(project.embeddedDir());
            out().println(wasRunning ? "stopped the embedded database in " + project.embeddedDir() + "/"
                    : "the embedded database in " + project.embeddedDir() + "/ is not running");
            return ExitCodes.OK;
        }
        if (project.usesEmbedded()) {
            EmbeddedPostgres db = project.embeddedDatabase();
            db.keepRunning();
            out().println("jdbc:  " + db.jdbcUrl() + "?user=" + db.user());
            out().println("psql:  psql '" + psql(db.jdbcUrl(), db.user()) + "'");
            out().println("the embedded database keeps running for psql (no password: it trusts local connections "
                    + "as " + db.user() + "); stop it with 'sluice url --stop'");
            return ExitCodes.OK;
        }
        LibpqUrl.Login login = project.login();
        out().println("jdbc:  " + DatabaseUrl.mask(login.url()));
        out().println("psql:  psql '" + psql(login.url(), login.user()) + "'");
        if (login.password() != null) {
            out().println("the password is not shown: psql asks for it, or reads PGPASSWORD or ~/.pgpass");
        }
        return ExitCodes.OK;
    }

    /** The libpq URL psql takes for a JDBC URL: the same hosts and database, the parameters psql knows, no password. */
    static String psql(String jdbcUrl, String user) {
        Matcher m = JDBC.matcher(jdbcUrl);
        if (!m.matches()) {
            throw new CliException(ExitCodes.USAGE, "'" + DatabaseUrl.mask(jdbcUrl) + "' is not a PostgreSQL JDBC URL");
        }
        List<String> params = new ArrayList<>();
        String urlUser = user;
        for (String pair : m.group(3).split("&")) {
            int eq = pair.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String key = pair.substring(0, eq);
            if (key.equals("user")) {
                urlUser = pair.substring(eq + 1);
            }
            for (String[] known : PSQL_PARAMS) {
                if (known[0].equals(key)) {
                    params.add(known[1] + "=" + pair.substring(eq + 1));
                }
            }
        }
        return "postgresql://" + (urlUser == null || urlUser.isEmpty() ? "" : encode(urlUser) + "@") + m.group(1) + "/" + m.group(2)
                + (params.isEmpty() ? "" : "?" + String.join("&", params));
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }
}
