package dev.sluice.lint;

/** What a linted file is to the project; some rules judge a down file differently from an up. */
public enum MigrationRole {
    /** A {@code V} file. */
    UP,
    /** A {@code U} file: dropping what the up created is its purpose, so destructive rules keep quiet there. */
    DOWN,
    /** An {@code R} file. */
    REPEATABLE,
    /** Any other SQL file. */
    SCRIPT;

    /** The role a file name implies. */
    public static MigrationRole ofFileName(String fileName) {
        String base = fileName.contains("/") ? fileName.substring(fileName.lastIndexOf('/') + 1) : fileName;
        return dev.sluice.migration.MigrationFileName.parse(base.endsWith(".sql") ? base.substring(0, base.length() - 4) : base)
                .map(n -> switch (n.kind()) {
                    case 'V' -> UP;
                    case 'U' -> DOWN;
                    default -> REPEATABLE;
                }).orElse(SCRIPT);
    }
}
