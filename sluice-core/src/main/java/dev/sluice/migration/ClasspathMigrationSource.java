package dev.sluice.migration;

import dev.sluice.migration.internal.ClasspathScanner;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The {@code .sql} files below a classpath location such as {@code db/migration}, for applications that
 * ship their migrations inside their jar.
 */
public final class ClasspathMigrationSource implements MigrationSource {

    private final String location;
    private final ClassLoader loader;

    public ClasspathMigrationSource(String location, ClassLoader loader) {
        this.location = Objects.requireNonNull(location, "location").replaceAll("^classpath:", "");
        this.loader = Objects.requireNonNull(loader, "loader");
    }

    @Override
    public List<ScriptResource> scripts() {
        List<ScriptResource> found = new ArrayList<>();
        List<String> resources = new ArrayList<>(ClasspathScanner.list(loader, location, ".sql"));
        resources.addAll(ClasspathScanner.list(loader, location, ".yaml"));
        resources.addAll(ClasspathScanner.list(loader, location, ".yml"));
        for (String resource : resources) {
            String fileName = resource.substring(resource.lastIndexOf('/') + 1);
            try (InputStream in = loader.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new MigrationFileException(resource, 0, "vanished while being read");
                }
                found.add(new ScriptResource(fileName, resource, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read classpath resource " + resource, e);
            }
        }
        return found;
    }

    @Override
    public String describe() {
        return "classpath:" + location;
    }
}
