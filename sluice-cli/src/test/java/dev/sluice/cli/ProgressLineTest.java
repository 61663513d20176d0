package dev.sluice.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProgressLineTest {

    @Test
    void aLogGetsNoProgressLine() {
        StringWriter text = new StringWriter();
        try (ProgressLine line = new ProgressLine(new PrintWriter(text), Terminal.PLAIN, "rehearsing")) {
            line.started("V1 accounts", 0, 3);
            line.finished("V1 accounts", 1, 3, 1000);
            line.started("V2 orders", 1, 3);
        }
        assertEquals("", text.toString());
    }

    @Test
    void aTerminalGetsTheItemTheBarAndAnEstimateThenAClearedLine() {
        StringWriter text = new StringWriter();
        try (ProgressLine line = new ProgressLine(new PrintWriter(text), new Terminal(true, false, false), "rehearsing")) {
            line.started("V1 accounts", 0, 4);
            line.finished("V1 accounts", 1, 4, 3000);
            line.started("V2 orders", 1, 4);
        }
        String shown = text.toString();
        assertTrue(shown.contains("rehearsing V2 orders  0 s  [#####---------------] 2/4, about 9s left"), shown);
        assertTrue(shown.endsWith("\r\033[K"), "the line is cleared for the command's report: " + shown);
    }

    @Test
    void quietDrawsNothingEvenOnATerminal() {
        StringWriter text = new StringWriter();
        try (ProgressLine line = new ProgressLine(new PrintWriter(text), new Terminal(true, false, true), "dumping")) {
            line.started("public.accounts", 0, 2);
        }
        assertEquals("", text.toString());
    }

    @Test
    void theBarNeedsTwoItemsAndTheEstimateOneFinished() {
        assertEquals("", ProgressBar.of(0, 1, 0, 0));
        assertEquals("  [--------------------] 1/2", ProgressBar.of(0, 2, 0, 500));
        assertEquals("  [##########----------] 2/2, about 1s left", ProgressBar.of(1, 2, 2000, 1000));
    }
}
