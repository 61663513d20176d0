package dev.sluice.junit;

import dev.sluice.Sluice;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

import javax.sql.DataSource;
import java.lang.reflect.Method;
import java.util.Optional;

/**
 * Resolves {@code DataSource}, {@code Sluice} and {@code @SluiceDatabaseUrl String} parameters to a database
 * with the project's migrations applied, fresh per test method or per test class as {@link SluiceTest}
 * says. Use it through {@link SluiceTest}; registered alone ({@code @ExtendWith}) it takes the defaults.
 *
 * <p>A database is made when a test first asks for one and dropped after that test (or class), by the
 * after-callbacks rather than JUnit's store closing, which older JUnit versions do not do.
 *
 * <p>Hazard: with {@link Isolation#PER_METHOD} there is no database before the first test, so a
 * {@code @BeforeAll} method or a constructor (in JUnit's default per-method instance lifecycle) that asks
 * for one is refused with a message saying so.
 */
public final class SluiceExtension implements ParameterResolver, AfterEachCallback, AfterAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SluiceExtension.class);
    private static final Settings DEFAULTS = new Settings("", Isolation.PER_METHOD, "sluice.conf");

    /** What {@link SluiceTest} says, or the defaults. */
    private record Settings(String migrations, Isolation isolation, String config) {
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == DataSource.class || type == Sluice.class
                || (type == String.class && parameter.isAnnotated(SluiceDatabaseUrl.class));
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        TestDatabase database;
        try {
            database = database(parameter, context);
        } catch (ParameterResolutionException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ParameterResolutionException(e.getMessage(), e);
        }
        Class<?> type = parameter.getParameter().getType();
        if (type == DataSource.class) {
            return database.dataSource();
        }
        if (type == Sluice.class) {
            return database.sluice();
        }
        return database.jdbcUrl();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close(context);
    }

    private static void close(ExtensionContext context) {
        TestDatabase database = context.getStore(NAMESPACE).remove(TestDatabase.class, TestDatabase.class);
        if (database != null) {
            database.close();
        }
    }

    /** The database of this test (per method) or of its class (per class), made on first need. */
    private static TestDatabase database(ParameterContext parameter, ExtensionContext context) {
        Settings settings = settings(context);
        ExtensionContext owner;
        if (settings.isolation() == Isolation.PER_METHOD) {
            if (context.getTestMethod().isEmpty()) {
                throw new ParameterResolutionException(parameter.getDeclaringExecutable() + " asks for a database, but with "
                        + "Isolation.PER_METHOD each test method gets its own and there is none outside one; take it as a "
                        + "parameter of the test or of a @BeforeEach method, or use @SluiceTest(isolation = Isolation.PER_CLASS)");
            }
            owner = context;
        } else {
            owner = classContext(context);
        }
        // Not getOrComputeIfAbsent: JUnit would keep a failure and wrap it for every later parameter, hiding the message.
        // Locked: with JUnit's parallel execution, two tests of a PER_CLASS class may ask at once.
        synchronized (SluiceExtension.class) {
            ExtensionContext.Store store = owner.getStore(NAMESPACE);
            TestDatabase database = store.get(TestDatabase.class, TestDatabase.class);
            if (database == null) {
                database = TestDatabase.create(TestProject.of(settings.migrations(), settings.config()));
                store.put(TestDatabase.class, database);
            }
            return database;
        }
    }

    /** The context of the test class, above a method's (and a repeated or parameterized test's invocations). */
    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext c = context;
        while (c.getElement().filter(Method.class::isInstance).isPresent() && c.getParent().isPresent()) {
            c = c.getParent().get();
        }
        return c;
    }

    /** The {@link SluiceTest} on the test class, or on a class enclosing a {@code @Nested} one. */
    private static Settings settings(ExtensionContext context) {
        for (Class<?> c = context.getTestClass().orElse(null); c != null; c = c.getEnclosingClass()) {
            Optional<SluiceTest> found = AnnotationSupport.findAnnotation(c, SluiceTest.class);
            if (found.isPresent()) {
                return new Settings(found.get().migrations(), found.get().isolation(), found.get().config());
            }
        }
        return DEFAULTS;
    }
}
