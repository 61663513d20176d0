package dev.sluice.rewrite;

import dev.sluice.rewrite.internal.AlterSpec;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AlterSpecTest {

    @Test
    void clausesSplitAtTopLevelCommasOnly() {
        AlterSpec spec = AlterSpec.parse("alter column id type bigint, add column tags text[] default array['a,b'],"
                + " add constraint c check (price in (1, 2)), drop column \"Old, Name\";");
        assertEquals(List.of("alter column id type bigint", "add column tags text[] default array['a,b']",
                "add constraint c check (price in (1, 2))", "drop column \"Old, Name\""), spec.clauses());
        assertEquals(List.of("Old, Name"), spec.droppedColumns());
    }

    @Test
    void aTypeChangeWithUsingGivesTheCopyItsExpression() {
        AlterSpec spec = AlterSpec.parse("ALTER COLUMN Amount SET DATA TYPE numeric(12,2) USING amount / 100.0, SET LOGGED");
        assertEquals(Map.of("amount", "amount / 100.0"), spec.usingByColumn());
        assertEquals(2, spec.clauses().size());
    }

    @Test
    void partitionByRangeIsAPseudoClauseNotPassedToAlterTable() {
        AlterSpec spec = AlterSpec.parse("PARTITION BY RANGE (created_at) EVERY '1 month'");
        assertTrue(spec.alterBody().isEmpty());
        assertEquals(new AlterSpec.Partitioning("created_at", "1 month"), spec.partitioning().orElseThrow());
        assertEquals("5000", AlterSpec.parse("partition by range (id) every 5000").partitioning().orElseThrow().every());
    }

    @Test
    void renamesAndMalformedPartitioningAreRefusedWithWhatToDo() {
        RewriteException rename = assertThrows(RewriteException.class, () -> AlterSpec.parse("rename column a to b"));
        assertTrue(rename.getMessage().contains("rename_column"), rename.getMessage());
        RewriteException partition = assertThrows(RewriteException.class, () -> AlterSpec.parse("partition by range (at)"));
        assertTrue(partition.getMessage().contains("EVERY"), partition.getMessage());
    }

    @Test
    void droppingADefaultOrConstraintIsNotADroppedColumn() {
        assertEquals(List.of(), AlterSpec.parse("alter column a drop default, drop constraint c").droppedColumns());
        assertEquals(List.of("a"), AlterSpec.parse("drop column if exists a cascade").droppedColumns());
    }
}
