package dev.sluice.migration;

import dev.sluice.migration.internal.ClasspathScanner;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * Java migrations: either given as classes, or every concrete {@link SafeMigration} in a package.
 * Each needs a public no-argument constructor.
 */
public final class JavaMigrationSource implements MigrationSource {

    private final List<Class<? extends SafeMigration>> classes;
    private final String description;

    private JavaMigrationSource(List<Class<? extends SafeMigration>> classes, String description) {
        this.classes = List.copyOf(classes);
        this.description = description;
    }

    /** The given classes. */
    @SafeVarargs
    public static JavaMigrationSource of(Class<? extends SafeMigration>... classes) {
        return new JavaMigrationSource(List.of(classes), "java classes");
    }

    /** Every concrete subclass of {@link SafeMigration} in {@code packageName} and below. */
    public static JavaMigrationSource scan(String packageName, ClassLoader loader) {
        List<Class<? extends SafeMigration>> found = new ArrayList<>();
        for (String resource : ClasspathScanner.list(loader, packageName, ".class")) {
            String className = resource.substring(0, resource.length() - ".class".length()).replace('/', '.');
            if (className.contains("$")) {
                continue;
            }
            try {
                Class<?> c = Class.forName(className, false, loader);
                if (SafeMigration.class.isAssignableFrom(c) && !Modifier.isAbstract(c.getModifiers())) {
                    found.add(c.asSubclass(SafeMigration.class));
                }
            } catch (ClassNotFoundException | LinkageError e) {
                throw new MigrationFileException(resource, 0, "cannot be loaded: " + e);
            }
        }
        return new JavaMigrationSource(found, "java package " + packageName);
    }

    @Override
    public List<ScriptResource> scripts() {
        return List.of();
    }

    @Override
    public List<SafeMigration> javaMigrations() {
        List<SafeMigration> instances = new ArrayList<>();
        for (Class<? extends SafeMigration> c : classes) {
            try {
                Constructor<? extends SafeMigration> constructor = c.getDeclaredConstructor();
                instances.add(constructor.newInstance());
            } catch (ReflectiveOperationException e) {
                throw new MigrationFileException(c.getName(), 0,
                        "cannot be instantiated (" + e + "); give it a public no-argument constructor");
            }
        }
        return instances;
    }

    @Override
    public String describe() {
        return description;
    }
}
