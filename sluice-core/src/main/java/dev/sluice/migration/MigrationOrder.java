package dev.sluice.migration;

import dev.sluice.migration.MigrationFileName;
import java.util.Comparator;
import java.util.Optional;

/**
 * The one order migrations run in, and the order every verb lists them in: versioned migrations by
 * version compared numerically by parts ({@code 1 < 1.1 < 2 < 10}), an up before its down, then
 * repeatables by description. {@link MigrationResolver} builds the catalog in this order and the lint
 * reads a folder in it, so a finding that depends on an earlier file (a table created before it is
 * indexed) sees the files as {@code migrate} runs them.
 *
 * <p>Hazard: changing this order changes which migration {@code migrate} runs first; a second ordering
 * elsewhere would let lint and migrate disagree about it.
 */
public final class MigrationOrder {

    /** Versions, numerically by parts. */
    public static final Comparator<Version> VERSIONS = Comparator.naturalOrder();

    /** Repeatable migrations, by description. */
    public static final Comparator<String> DESCRIPTIONS = Comparator.naturalOrder();

    /**
     * File names: versioned ones (up, then down, per version), then repeatables, then names that follow no
     * migration form. Names equal in this order (two files of one version, or two unparsed names) are
     * left for the caller to break, e.g. by path.
     */
    public static final Comparator<Optional<MigrationFileName>> FILE_NAMES = MigrationOrder::compare;

    private MigrationOrder() {
    }

    private static int compare(Optional<MigrationFileName> a, Optional<MigrationFileName> b) {
        int c = Integer.compare(group(a), group(b));
        if (c != 0) {
            return c;
        }
        if (a.isEmpty()) {
            return 0;
        }
        MigrationFileName x = a.get();
        MigrationFileName y = b.get();
        if (x.kind() == 'R') {
            return DESCRIPTIONS.compare(x.description(), y.description());
        }
        c = VERSIONS.compare(x.version().orElseThrow(), y.version().orElseThrow());
        return c != 0 ? c : Integer.compare(x.kind() == 'V' ? 0 : 1, y.kind() == 'V' ? 0 : 1);
    }

    /** 0 versioned (V and U together), 1 repeatable, 2 not a migration name. */
    private static int group(Optional<MigrationFileName> n) {
        return n.map(x -> x.kind() == 'R' ? 1 : 0).orElse(2);
    }
}
