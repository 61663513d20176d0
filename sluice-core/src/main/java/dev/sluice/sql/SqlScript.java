package dev.sluice.sql;

import java.util.List;
import java.util.Objects;

/**
 * A script split into statements, together with the Sluice directives its comments carry.
 *
 * @param sourceName what the script is called in messages (usually a file name)
 * @param statements the statements in order
 * @param directives every {@code -- sluice:} line comment in order, wherever it stands
 */
public record SqlScript(String sourceName, List<SqlStatement> statements, List<SluiceDirective> directives) {
    public SqlScript {
        Objects.requireNonNull(sourceName, "sourceName");
        statements = List.copyOf(statements);
        directives = List.copyOf(directives);
    }
}
