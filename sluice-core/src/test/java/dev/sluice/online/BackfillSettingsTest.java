package dev.sluice.online;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BackfillSettingsTest {

    @Test
    void aBatchTakesAtMostA500thOfItsTableButNotFewerThan1000Rows() {
        BackfillSettings defaults = BackfillSettings.defaults();
        assertEquals(2000, defaults.batchSizeFor(10_000_000));
        assertEquals(2000, defaults.batchSizeFor(1_000_000));
        assertEquals(1500, defaults.batchSizeFor(750_000));
        assertEquals(1000, defaults.batchSizeFor(500_000));
        assertEquals(1000, defaults.batchSizeFor(20_000));
        assertEquals(1000, defaults.batchSizeFor(0));
    }

    @Test
    void aSmallBatchSizeIsKeptAndALargeOneIsCutOnASmallerTable() {
        assertEquals(300, BackfillSettings.defaults().withBatchSize(300).batchSizeFor(10_000_000));
        assertEquals(300, BackfillSettings.defaults().withBatchSize(300).batchSizeFor(100));
        assertEquals(20_000, BackfillSettings.defaults().withBatchSize(20_000).batchSizeFor(10_000_000));
        assertEquals(2000, BackfillSettings.defaults().withBatchSize(20_000).batchSizeFor(1_000_000));
    }
}
