package dev.sluice.postgres.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** File chores of unpacking and removing clusters: a digest to check a download, a best-effort tree delete. */
public final class FileTrees {

    private FileTrees() {
    }

    /** The SHA-256 of {@code data}, in lower-case hex. */
    public static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Deletes a folder and everything in it, best effort: a leftover temp folder is harmless. */
    public static void delete(Path root) {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // Best effort: a leftover temp folder is harmless.
                }
            });
        } catch (IOException ignored) {
            // Best effort.
        }
    }
}
