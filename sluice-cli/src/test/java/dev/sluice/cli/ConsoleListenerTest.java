package dev.sluice.cli;

import dev.sluice.execution.ExecutionSettings;
import dev.sluice.execution.MigrationPlan;
import dev.sluice.execution.MigrationPlanner;
import dev.sluice.execution.PlanStep;
import dev.sluice.execution.ProjectStatus;
import dev.sluice.migration.MigrationResolver;
import dev.sluice.migration.MigrationSource;
import dev.sluice.migration.ScriptResource;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
        ConsoleListener l = new ConsoleListener(new PrintWriter(text), false, interactive);
        PlanStep s = step();
        l.stepStarted(s);
        l.retrying(s, 1, Duration.ofMillis(150), "lock timeout");
        l.stepFinished(s, 12);
        return text.toString();
    }

    @Test
    void aLogGetsWholeLinesOnly() {
        assertEquals("""
                    V1 add note: attempt 1 could not get its lock: lock timeout
                    retrying in 150 ms
                applied    V1 add note in 12 ms
                """, run(false));
    }

    @Test
    void aTerminalSeesTheMigrationWhileItRuns() {
        assertEquals("""
                applying   V1 add note ...
                    V1 add note: attempt 1 could not get its lock: lock timeout
                    retrying in 150 ms
                applied    V1 add note in 12 ms
                """, run(true));
    }

    @Test
    void aQuietTerminalRunStaysOnOneLine() {
        StringWriter text = new StringWriter();
        ConsoleListener l = new ConsoleListener(new PrintWriter(text), false, true);
        PlanStep s = step();
        l.stepStarted(s);
        l.stepFinished(s, 7);
        assertEquals("applying   V1 add note ... done in 7 ms\n", text.toString());
    }
}
