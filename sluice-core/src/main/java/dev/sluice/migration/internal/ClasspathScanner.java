package dev.sluice.migration.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Lists the resources below a classpath folder, in folders and in jars alike. Class loaders have no
 * listing API, so this reads the locations behind the URLs they return; other URL schemes are refused
 * with a clear message rather than silently finding nothing.
 */
public final class ClasspathScanner {

    private ClasspathScanner() {
    }

    /** Resource names (with the location prefix, '/'-separated) ending in {@code suffix}, sorted. */
    public static List<String> list(ClassLoader loader, String location, String suffix) {
        String prefix = location.replace('.', '/').replaceAll("^/+|/+$", "");
        TreeSet<String> names = new TreeSet<>();
        try {
            Enumeration<URL> roots = loader.getResources(prefix);
            while (roots.hasMoreElements()) {
                URL url = roots.nextElement();
                switch (url.getProtocol()) {
                    case "file" -> listFolder(Path.of(url.toURI()), prefix, suffix, names);
                    case "jar" -> listJar(url, prefix, suffix, names);
                    default -> throw new IllegalStateException("cannot list classpath location " + url
                            + ": only folders and jars are supported; list the migrations explicitly");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list classpath location " + location, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("bad classpath URL under " + location, e);
        }
        return new ArrayList<>(names);
    }

    private static void listFolder(Path root, String prefix, String suffix, TreeSet<String> names) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.filter(Files::isRegularFile)
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .filter(rel -> rel.endsWith(suffix))
                    .forEach(rel -> names.add(prefix.isEmpty() ? rel : prefix + "/" + rel));
        }
    }

    private static void listJar(URL url, String prefix, String suffix, TreeSet<String> names) throws IOException {
        JarURLConnection connection = (JarURLConnection) url.openConnection();
        connection.setUseCaches(false);
        try (JarFile jar = connection.getJarFile()) {
            for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                JarEntry entry = entries.nextElement();
                String name = entry.getName();
                if (!entry.isDirectory() && name.startsWith(prefix + "/") && name.endsWith(suffix)) {
                    names.add(name);
                }
            }
        }
    }
}
