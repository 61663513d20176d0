package dev.sluice.cli;

import dev.sluice.execution.ExecutionSettings;
import dev.sluice.execution.MigrationPlan;
import dev.sluice.execution.internal.MigrationPlanner;
import dev.sluice.execution.PlanStep;
import dev.sluice.execution.ProjectStatus;
import dev.sluice.migration.internal.MigrationResolver;
import dev.sluice.migration.MigrationSource;
import dev.sluice.migration.ScriptResource;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConsoleListenerTest {

    private static PlanStep step() {
        MigrationSource source = new MigrationSource() {
            @Override
            public List<ScriptResource> scripts() {
                return List.of(new ScriptResource("V1__add_note.sql", "V1__add_note.sql", "alter table t add column note text;"));
            }

            @Override
            public String describe() {
                return "memory";
            }
        };
        var catalog = new MigrationResolver(false).resolve(List.of(source));
        MigrationPlan plan = new MigrationPlanner(ExecutionSettings.defaults()).migrate(ProjectStatus.of(catalog, List.of()), Optional.empty());
        return plan.steps().get(0);
    }

    private static String run(boolean interactive) {
        StringWriter text = new StringWriter();
        ConsoleListener l = new ConsoleListener(new PrintWriter(text), false, new Terminal(interactive, false, false), 14, 0);
        PlanStep s = step();
        l.stepStarted(s);
        l.retrying(s, 1, Duration.ofMillis(150), "lock timeout");
        l.stepFinished(s, 12);
        l.close();
        return text.toString();
    }

    @Test
    void aLogGetsWholeLinesOnlyInColumns() {
        assertEquals("""
                    V1 add note: attempt 1 could not get its lock: lock timeout
                    retrying in 150 ms
                applied      V1 add note       12 ms
                """, run(false));
    }

    @Test
    void aTerminalSeesTheMigrationWhileItRunsThenItsResultInItsPlace() {
        String out = run(true);
        assertTrue(out.startsWith("\r\033[Kapplying     V1 add note         0 s"), out);
        assertTrue(out.contains("\r\033[K    V1 add note: attempt 1 could not get its lock: lock timeout\n"), out);
        assertTrue(out.endsWith("\r\033[Kapplied      V1 add note       12 ms\n"), out);
    }

    @Test
    void aTerminalRunOfSeveralShowsABarAndWhatIsLeft() {
        StringWriter text = new StringWriter();
        ConsoleListener l = new ConsoleListener(new PrintWriter(text), false, new Terminal(true, false, false), 11, 4);
        PlanStep s = step();
        l.stepStarted(s);
        l.stepFinished(s, 2000);
        l.stepStarted(s);
        l.close();
        assertTrue(text.toString().contains("[--------------------] 1/4"), text.toString());
        assertTrue(text.toString().contains("[#####---------------] 2/4, about 6s left"), text.toString());
    }

    @Test
    void quietShowsNoProgressButKeepsNotices() {
        StringWriter text = new StringWriter();
        ConsoleListener l = new ConsoleListener(new PrintWriter(text), false, new Terminal(true, false, true), 11, 4);
        PlanStep s = step();
        l.stepStarted(s);
        l.notice(s, "session 42 holds a lock on t");
        l.stepFinished(s, 7);
        l.close();
        assertEquals("    note: session 42 holds a lock on t\n", text.toString());
    }
}
