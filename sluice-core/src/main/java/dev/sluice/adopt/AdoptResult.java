package dev.sluice.adopt;

import java.util.List;
import java.util.Objects;

/**
 * What {@code adopt} recorded, or, in a dry run, would record.
 *
 * @param from         the tool adopted from
 * @param foreignTable the other tool's history table, {@code schema.table}
 * @param dryRun       whether nothing was written
 * @param recorded     the rows written to (or meant for) Sluice's history, in the other tool's order
 * @param notes        what was read but deliberately not recorded, and why (a schema-creation marker, a
 *                     repeatable migration changed since, which {@code migrate} re-applies)
 */
public record AdoptResult(AdoptSource from, String foreignTable, boolean dryRun, List<AdoptedMigration> recorded,
                          List<String> notes) {

    public AdoptResult {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(foreignTable, "foreignTable");
        recorded = List.copyOf(recorded);
        notes = List.copyOf(notes);
    }
}
