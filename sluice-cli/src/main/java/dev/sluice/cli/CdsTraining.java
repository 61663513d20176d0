package dev.sluice.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Run once at build time, under {@code -XX:ArchiveClassesAtExit}, to record the classes the common verbs load
 * into a class-data-sharing archive that the {@code ./sluice} launcher then maps at start instead of loading
 * and verifying them one by one (see the launcher and sluice-cli's pom).
 *
 * <p>It runs the verbs in-process, the way the launcher's JVM would: {@code version}, a verb's help,
 * {@code lint} of a small generated project, and {@code status} against a port where nothing listens, which
 * loads the driver and the connection path without needing a server. Nothing it does leaves the machine
 * (the connection goes to 127.0.0.1) or the temporary folder it deletes. Its output is thrown away; a verb
 * that fails here only means fewer classes in the archive.
 */
public final class CdsTraining {

    private CdsTraining() {
    }

    /** @param args the file to write the JVM's identity to, which the launcher compares with the JVM it runs */
    public static void main(String[] args) throws IOException {
        if (args.length > 0) {
            Files.writeString(Path.of(args[0]), jvm() + "\n");
        }
        Path dir = Files.createTempDirectory("sluice-cds-");
        try {
            Path migrations = Files.createDirectories(dir.resolve("migrations"));
            Files.writeString(migrations.resolve("V1__create_customers.sql"),
                    "create table customers (id bigint generated always as identity primary key, email text not null);\n"
                            + "insert into customers (email) values ('a@example.com');\n");
            Files.writeString(migrations.resolve("U1__create_customers.sql"), "drop table customers;\n");
            Files.writeString(migrations.resolve("V2__orders.sql"),
                    "create table orders (id bigint primary key, customer_id bigint not null);\n"
                            + "alter table orders add constraint orders_customer_fk foreign key (customer_id) "
                            + "references customers (id) not valid;\n"
                            + "create index concurrently orders_customer_idx on orders (customer_id);\n");
            Files.writeString(migrations.resolve("V3__name.sql"), "alter table customers add column name text;\n"
                    + "update customers set name = 'x' where id = 1;\n"
                    + "create or replace function f() returns int language sql as $$ select 1 $$;\n");
            String project = dir.toString();
            run("version");
            run("migrate", "--help");
            run("--dir", project, "lint");
            run("--dir", project, "lint", "--format", "json");
            run("--dir", project, "--url", "jdbc:postgresql://127.0.0.1:1/sluice?connectTimeout=2", "status");
            run("--dir", project, "--url", "jdbc:postgresql://127.0.0.1:1/sluice?connectTimeout=2", "migrate");
            loadAll("dev/sluice/", "org/postgresql/");
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> {
                    try {
                        Files.delete(p);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        }
    }

    /**
     * The JVM as the launcher can tell it without starting one: its home folder (where {@code java} on the
     * PATH resolves to) and its exact build, which the launcher reads from the home's {@code release} file (JAVA_RUNTIME_VERSION).
     */
    static String jvm() {
        return System.getProperty("java.home") + " " + System.getProperty("java.runtime.version");
    }

    /**
     * Loads, without initialising, every class of the jar under {@code prefixes}, so that the archive holds
     * those no training run reached: the driver's classes after a successful login (no server is at hand at
     * build time) and the verbs not run above. An archived class costs nothing until it is asked for. A class
     * that cannot load here (an optional dependency missing) is left out.
     */
    private static void loadAll(String... prefixes) throws IOException {
        Path jar;
        try {
            jar = Path.of(CdsTraining.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException | RuntimeException e) {
            return;
        }
        if (!Files.isRegularFile(jar)) {
            return;
        }
        ClassLoader loader = CdsTraining.class.getClassLoader();
        try (java.util.jar.JarFile file = new java.util.jar.JarFile(jar.toFile())) {
            for (java.util.jar.JarEntry entry : java.util.Collections.list(file.entries())) {
                String name = entry.getName();
                if (!name.endsWith(".class") || name.contains("-") || Stream.of(prefixes).noneMatch(name::startsWith)) {
                    continue;
                }
                try {
                    Class.forName(name.substring(0, name.length() - ".class".length()).replace('/', '.'), false, loader);
                } catch (ClassNotFoundException | LinkageError unavailable) {
                    // An optional dependency of that class is not in the jar; the class is never used then.
                }
            }
        }
    }

    private static void run(String... args) {
        SluiceCommand.execute(args, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), Map.of(), false);
    }
}
