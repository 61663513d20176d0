package dev.sluice.cli;

import dev.sluice.migration.MigrationCatalog;
import dev.sluice.migration.MigrationTemplate;
import dev.sluice.migration.Version;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** {@code sluice new <description>}: the next version's up and down files, with the skeleton of a validation. */
@Command(name = "new", description = "Create the next migration's V (up) and U (down) files.")
final class NewCommand extends ProjectCommand {

    @Parameters(arity = "1..*", paramLabel = "DESCRIPTION", description = "What the migration does, e.g. \"add users email\".")
    List<String> words;

    @Option(names = "--version", paramLabel = "V", description = "Version to use instead of the next one.")
    String version;

    @Override
    int run(Project project) throws Exception {
        Path folder = project.migrationsDir();
        Files.createDirectories(folder);
        MigrationCatalog catalog = project.catalog();
        Version next = version != null ? parse(version)
                : catalog.latestVersion().map(Version::nextMajor).orElse(Version.parse("1"));
        if (catalog.find(next).isPresent()) {
            throw new CliException(ExitCodes.USAGE, "version " + next + " exists already: " + catalog.find(next).get().script());
        }
        String slug = String.join(" ", words).strip().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", "_")
                .replaceAll("^_+|_+$", "");
        if (slug.isEmpty()) {
            throw new CliException(ExitCodes.USAGE, "the description needs at least one letter or digit");
        }
        String base = next.toString().replace('.', '_') + "__" + slug + ".sql";
        Path up = folder.resolve("V" + base);
        Path down = folder.resolve("U" + base);
        Files.writeString(up, MigrationTemplate.up(String.join(" ", words)), StandardCharsets.UTF_8);
        Files.writeString(down, MigrationTemplate.down(up.getFileName().toString()), StandardCharsets.UTF_8);
        out().println("created " + up);
        out().println("created " + down);
        return ExitCodes.OK;
    }

    private static Version parse(String text) {
        try {
            return Version.parse(text);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, "--version: " + e.getMessage());
        }
    }
}
