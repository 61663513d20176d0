package dev.sluice.adopt.internal;

import dev.sluice.adopt.AdoptedMigration;

import java.util.List;

/** What an adoption records, what it left out on purpose (notes), and what stops it (problems). */
public record AdoptionPlan(List<AdoptedMigration> recorded, List<String> notes, List<String> problems) {

    public AdoptionPlan {
        recorded = List.copyOf(recorded);
        notes = List.copyOf(notes);
        problems = List.copyOf(problems);
    }
}
