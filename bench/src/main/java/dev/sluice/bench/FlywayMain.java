package dev.sluice.bench;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * Flyway as a command, in a JVM of its own, so that the speed benchmark times it end to end as it times
 * {@code ./sluice} and psql: {@code FlywayMain URL USER FOLDER migrate|validate|version}.
 */
public final class FlywayMain {

    private FlywayMain() {
    }

    public static void main(String[] args) {
        if (args.length == 1 && args[0].equals("version")) {
            System.out.println("flyway " + Flyway.class.getPackage().getImplementationVersion());
            return;
        }
        Flyway flyway = Flyway.configure().dataSource(args[0], args[1], "")
                .locations("filesystem:" + args[2]).table("flyway_schema_history").load();
        try {
            switch (args[3]) {
                case "migrate" -> System.out.println("applied " + flyway.migrate().migrationsExecuted);
                case "validate" -> flyway.validate();
                default -> throw new IllegalArgumentException("unknown command " + args[3]);
            }
        } catch (FlywayException e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
    }
}
