package dev.sluice.testing;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a test method a {@link TestDatabase} parameter: a fresh database on one throwaway PostgreSQL
 * cluster per test JVM (or on {@code SLUICE_TEST_URL}'s server), dropped after the test.
 *
 * <p>The cluster is kept in the root context's store, so it starts once for all test classes and stops
 * when the JVM's tests are done.
 */
public final class PostgresExtension implements ParameterResolver, AfterEachCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(PostgresExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestDatabase.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        TestDatabase db = server(context).newDatabase();
        context.getStore(NAMESPACE).put("db-" + parameter.getIndex(), db);
        return db;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        for (int i = 0; i < 8; i++) {
            TestDatabase db = context.getStore(NAMESPACE).remove("db-" + i, TestDatabase.class);
            if (db != null) {
                server(context).drop(db);
            }
        }
    }

    private static TestServer server(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent("server", k -> new ClosableServer(TestServer.start()), ClosableServer.class).server;
    }

    /** Lets JUnit close the server when the root context ends. */
    private record ClosableServer(TestServer server) implements AutoCloseable {
        @Override
        public void close() {
            server.close();
        }
    }
}
