package dev.sluice.migration;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A migration version such as {@code 1}, {@code 1.2.10} or {@code 2026_11_21_1200}. Versions compare
 * numerically part by part, so {@code 1.2.10} comes after {@code 1.2.9}; a missing trailing part counts
 * as zero, so {@code 1} and {@code 1.0} are the same version. An underscore separates parts like a dot,
 * as in Flyway, so an existing Flyway project keeps its order.
 */
public final class Version implements Comparable<Version> {

    private final List<BigInteger> parts;
    private final String text;

    private Version(List<BigInteger> parts, String text) {
        this.parts = List.copyOf(parts);
        this.text = text;
    }

    /**
     * Parses a version.
     *
     * @throws IllegalArgumentException naming the text when it is not dot- or underscore-separated digits
     */
    public static Version parse(String text) {
        Objects.requireNonNull(text, "text");
        String normalized = text.strip().replace('_', '.');
        if (normalized.isEmpty()) {
            throw new IllegalArgumentException("empty version: write digits separated by dots, e.g. 1.2");
        }
        List<BigInteger> parts = new ArrayList<>();
        for (String part : normalized.split("\\.", -1)) {
            if (part.isEmpty() || !part.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new IllegalArgumentException(
                        "'" + text + "' is not a version: write digits separated by dots or underscores, e.g. 1.2.10");
            }
            parts.add(new BigInteger(part));
        }
        return new Version(parts, normalized);
    }

    /** The version after this one at its first part, e.g. {@code 3.1} gives {@code 4}. */
    public Version nextMajor() {
        return new Version(List.of(parts.get(0).add(BigInteger.ONE)), parts.get(0).add(BigInteger.ONE).toString());
    }

    @Override
    public int compareTo(Version other) {
        int n = Math.max(parts.size(), other.parts.size());
        for (int i = 0; i < n; i++) {
            BigInteger a = i < parts.size() ? parts.get(i) : BigInteger.ZERO;
            BigInteger b = i < other.parts.size() ? other.parts.get(i) : BigInteger.ZERO;
            int c = a.compareTo(b);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Version v && compareTo(v) == 0;
    }

    @Override
    public int hashCode() {
        int last = parts.size();
        while (last > 1 && parts.get(last - 1).signum() == 0) {
            last--;
        }
        return parts.subList(0, last).hashCode();
    }

    /** The version as written, with underscores shown as dots. */
    @Override
    public String toString() {
        return text;
    }
}
