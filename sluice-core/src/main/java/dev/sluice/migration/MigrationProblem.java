package dev.sluice.migration;

/**
 * One thing wrong with the project's migrations, found before any database is touched.
 *
 * @param file    the file or class concerned
 * @param line    1-based, or 0 for the whole file
 * @param message what is wrong and what to do
 */
public record MigrationProblem(String file, int line, String message) {

    @Override
    public String toString() {
        return (line > 0 ? file + ":" + line : file) + ": " + message;
    }

    public static MigrationProblem of(MigrationFileException e) {
        String prefix = e.line() > 0 ? e.file() + ":" + e.line() + ": " : e.file() + ": ";
        String message = e.getMessage().startsWith(prefix) ? e.getMessage().substring(prefix.length()) : e.getMessage();
        return new MigrationProblem(e.file(), e.line(), message);
    }
}
