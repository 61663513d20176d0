package dev.sluice.example;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.Sluice;
import dev.sluice.SluiceOptions;
import dev.sluice.execution.MigrationListener;
import dev.sluice.migration.ClasspathMigrationSource;
import dev.sluice.postgres.ScratchDatabase;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/** The sample application, started for real on an ephemeral port against a test database. */
final class Shop {

    private Shop() {
    }

    /** Starts the application on {@code db} with the extra {@code --key=value} arguments. */
    static ConfigurableApplicationContext start(ScratchDatabase db, String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--spring.datasource.url=" + db.jdbcUrl(),
                "--spring.datasource.username=" + db.user()));
        db.password().ifPresent(p -> args.add("--spring.datasource.password=" + p));
        args.addAll(List.of(extra));
        return new SpringApplicationBuilder(ShopApplication.class).run(args.toArray(String[]::new));
    }

    /** A real HTTP GET of {@code path} on the running application. */
    static HttpResponse<String> get(ConfigurableApplicationContext app, String path) throws Exception {
        String port = app.getEnvironment().getProperty("local.server.port");
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** The sample's migrations applied through the facade, as an earlier release of the application left them. */
    static void migrateAsAnEarlierRelease(ScratchDatabase db) throws SQLException {
        new Sluice(SluiceOptions.builder(db.connections())
                .source(new ClasspathMigrationSource("db/migration", Shop.class.getClassLoader())).build())
                .migrate(Optional.empty(), MigrationListener.NONE);
    }

    /** A JSON answer of the application, read as a tree. */
    static JsonNode json(HttpResponse<String> response) throws Exception {
        return new ObjectMapper().readTree(response.body());
    }

    static Connection connect(ScratchDatabase db) throws SQLException {
        Properties login = new Properties();
        login.setProperty("user", db.user());
        db.password().ifPresent(p -> login.setProperty("password", p));
        return DriverManager.getConnection(db.jdbcUrl(), login);
    }

    static String queryForString(ScratchDatabase db, String sql) throws SQLException {
        try (Connection c = connect(db); var s = c.createStatement(); var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
