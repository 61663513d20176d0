package dev.sluice.postgres.internal;

import org.tukaani.xz.XZInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * Unpacks a {@code .tar.xz} stream: regular files (with their execute bits), folders and symbolic links,
 * in ustar, GNU long-name and PAX forms. Enough for the PostgreSQL binaries archive; not a general tar.
 *
 * <p>Hazard: entries that would land outside the target folder ({@code ../}) are refused.
 */
public final class TarXzExtractor {

    private TarXzExtractor() {
    }

    public static void extract(InputStream xz, Path target) throws IOException {
        try (InputStream in = new BufferedInputStream(new XZInputStream(new BufferedInputStream(xz)))) {
            extractTar(in, target);
        }
    }

    static void extractTar(InputStream in, Path target) throws IOException {
        byte[] header = new byte[512];
        String longName = null;
        String longLink = null;
        while (readFully(in, header)) {
            if (isZero(header)) {
                return;
            }
            String name = longName != null ? longName : name(header);
            String link = longLink != null ? longLink : string(header, 157, 100);
            longName = null;
            longLink = null;
            long size = octal(header, 124, 12);
            int mode = (int) octal(header, 100, 8);
            char type = (char) header[156];
            switch (type) {
                case 'L' -> longName = new String(readData(in, size), StandardCharsets.UTF_8).replace("\0", "");
                case 'K' -> longLink = new String(readData(in, size), StandardCharsets.UTF_8).replace("\0", "");
                case 'x' -> {
                    String pax = new String(readData(in, size), StandardCharsets.UTF_8);
                    longName = paxValue(pax, "path");
                    longLink = paxValue(pax, "linkpath");
                }
                case 'g' -> readData(in, size);
                case '5' -> Files.createDirectories(resolve(target, name));
                case '2' -> {
                    Path p = resolve(target, name);
                    Files.createDirectories(p.getParent());
                    Files.deleteIfExists(p);
                    Files.createSymbolicLink(p, Path.of(link));
                }
                case '0', '\0', '7' -> {
                    Path p = resolve(target, name);
                    Files.createDirectories(p.getParent());
                    Files.write(p, readData(in, size));
                    Files.setPosixFilePermissions(p, permissions(mode));
                }
                default -> readData(in, size);
            }
        }
    }

    private static Path resolve(Path target, String name) throws IOException {
        Path p = target.resolve(name).normalize();
        if (!p.startsWith(target)) {
            throw new IOException("archive entry " + name + " points outside the target folder");
        }
        return p;
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> perms = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);
        if ((mode & 0111) != 0) {
            perms.add(PosixFilePermission.OWNER_EXECUTE);
            perms.add(PosixFilePermission.GROUP_EXECUTE);
            perms.add(PosixFilePermission.OTHERS_EXECUTE);
        }
        return perms;
    }

    private static String paxValue(String pax, String key) {
        for (String record : pax.split("\n")) {
            int space = record.indexOf(' ');
            if (space > 0 && record.startsWith(key + "=", space + 1)) {
                return record.substring(space + 2 + key.length());
            }
        }
        return null;
    }

    private static String name(byte[] header) {
        String name = string(header, 0, 100);
        String magic = string(header, 257, 6);
        if (magic.startsWith("ustar")) {
            String prefix = string(header, 345, 155);
            if (!prefix.isEmpty()) {
                return prefix + "/" + name;
            }
        }
        return name;
    }

    private static byte[] readData(InputStream in, long size) throws IOException {
        if (size > Integer.MAX_VALUE - 1024) {
            throw new IOException("archive entry too large: " + size);
        }
        byte[] data = new byte[(int) size];
        if (!readFully(in, data) && size > 0) {
            throw new IOException("archive ends inside an entry");
        }
        long padding = (512 - size % 512) % 512;
        in.skipNBytes(padding);
        return data;
    }

    private static boolean readFully(InputStream in, byte[] buffer) throws IOException {
        int read = in.readNBytes(buffer, 0, buffer.length);
        return read == buffer.length;
    }

    private static boolean isZero(byte[] header) {
        for (byte b : header) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static String string(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static long octal(byte[] header, int offset, int length) {
        String s = string(header, offset, length).trim();
        return s.isEmpty() ? 0 : Long.parseLong(s, 8);
    }
}
