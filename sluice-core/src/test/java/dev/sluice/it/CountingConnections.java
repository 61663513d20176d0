package dev.sluice.it;

import dev.sluice.db.ConnectionFactory;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Real connections that count what is sent to the server: every statement executed and every commit or
 * rollback is one round trip with the PostgreSQL driver (a string of several statements is sent in one).
 * Not a mock: every call goes on to the real connection.
 */
final class CountingConnections implements ConnectionFactory {

    private static final Set<String> EXECUTES = Set.of("execute", "executeQuery", "executeUpdate", "executeLargeUpdate",
            "executeBatch", "executeLargeBatch");

    private final ConnectionFactory real;
    private final AtomicInteger opened = new AtomicInteger();
    private final List<String> sent = new CopyOnWriteArrayList<>();

    CountingConnections(ConnectionFactory real) {
        this.real = real;
    }

    /** Round trips so far, on all connections. */
    int roundTrips() {
        return sent.size();
    }

    int opened() {
        return opened.get();
    }

    /** What was sent, in order, each prefixed with its connection's number. */
    List<String> sent() {
        return List.copyOf(sent);
    }

    void reset() {
        sent.clear();
        opened.set(0);
    }

    @Override
    public Connection open() throws SQLException {
        int n = opened.incrementAndGet();
        Connection c = real.open();
        return proxy(Connection.class, c, (target, method, args) -> {
            String name = method.getName();
            if (name.equals("commit") || name.equals("rollback")) {
                sent.add(n + ": " + name);
            }
            Object result = invoke(target, method, args);
            if (result instanceof PreparedStatement ps && name.equals("prepareStatement")) {
                String sql = (String) args[0];
                return proxy(PreparedStatement.class, ps, (t, m, a) -> {
                    if (EXECUTES.contains(m.getName())) {
                        sent.add(n + ": " + sql);
                    }
                    return invoke(t, m, a);
                });
            }
            if (result instanceof Statement s && name.equals("createStatement")) {
                List<String> batch = new ArrayList<>();
                return proxy(Statement.class, s, (t, m, a) -> {
                    if (m.getName().equals("addBatch")) {
                        batch.add((String) a[0]);
                    } else if (m.getName().equals("executeBatch") || m.getName().equals("executeLargeBatch")) {
                        sent.add(n + ": batch [" + String.join("; ", batch) + "]");
                        batch.clear();
                    } else if (EXECUTES.contains(m.getName())) {
                        sent.add(n + ": " + (a != null && a.length > 0 ? a[0] : m.getName()));
                    }
                    return invoke(t, m, a);
                });
            }
            return result;
        });
    }

    @Override
    public String describe() {
        return real.describe();
    }

    @FunctionalInterface
    private interface Handler<T> {
        Object handle(T target, Method method, Object[] args) throws Throwable;
    }

    private static <T> T proxy(Class<T> type, T target, Handler<T> handler) {
        InvocationHandler h = (p, m, a) -> handler.handle(target, m, a);
        return type.cast(Proxy.newProxyInstance(CountingConnections.class.getClassLoader(), new Class<?>[] {type}, h));
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
