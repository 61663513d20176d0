package dev.sluice.it;

import dev.sluice.Sluice;
import dev.sluice.execution.MigrationListener;
import dev.sluice.migration.Version;
import dev.sluice.online.BackfillProgress;
import dev.sluice.online.BackfillSettings;
import dev.sluice.online.OnlineChange;
import dev.sluice.online.OnlineListener;
import dev.sluice.testing.PostgresExtension;
import dev.sluice.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.PGConnection;
import org.postgresql.replication.LogSequenceNumber;
import org.postgresql.replication.PGReplicationStream;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The backfill holds back while sessions queue for locks on its table (real sessions blocked on a row lock)
 * and while a real walsender's client stops acknowledging WAL, and goes on once they clear.
 */
@ExtendWith(PostgresExtension.class)
class OnlineThrottleIT {

    @TempDir
    Path folder;

    static final int ROWS = 3000;
    static final String ITEMS = "create table items (id bigserial primary key, label text not null);\n"
            + "insert into items (label) select 'item' || g from generate_series(1, " + ROWS + ") g;\n";
    static final String CHANGE = "operations:\n  - change_column_type:\n      table: items\n      column: label\n"
            + "      type: text\n      up: upper(label)\n      down: lower(label)\n";

    /** Batches of 500, each limit checked every 20 ms. */
    static final BackfillSettings QUICK = BackfillSettings.defaults().withBatchSize(500).withThrottleWait(Duration.ofMillis(20));

    private Sluice project(TestDatabase db) throws Exception {
        Sluice sluice = new MigrationProject(folder, db).file("V1__items.sql", ITEMS).file("V2__upper_labels.yaml", CHANGE).sluice();
        sluice.migrate(Optional.of(Version.parse("1")), MigrationListener.NONE);
        return sluice;
    }

    /** What the listener saw, in order: "batch N" after each batch, "throttled: reason" before each wait. */
    private static class Events implements OnlineListener {
        final List<String> seen = new ArrayList<>();
        final List<BackfillProgress> batches = new ArrayList<>();

        @Override
        public synchronized void backfillProgress(BackfillProgress p) {
            batches.add(p);
            seen.add("batch " + p.rowsDone());
        }

        @Override
        public synchronized void backfillThrottled(String table, String reason, Duration wait) {
            seen.add("throttled: " + reason);
        }

        List<String> throttles() {
            return seen.stream().filter(s -> s.startsWith("throttled")).toList();
        }
    }

    @Test
    void sessionsQueuedForARowLockHoldTheBackfillBackUntilTheyAreServed(TestDatabase db) throws Exception {
        Sluice sluice = project(db);
        Connection holder = db.connect();
        List<Thread> waiters = new ArrayList<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Events events = new Events() {
            @Override
            public synchronized void backfillProgress(BackfillProgress p) {
                super.backfillProgress(p);
                if (batches.size() == 1) {
                    blockTwoWriters(db, holder, waiters, failure);
                }
            }

            @Override
            public synchronized void backfillThrottled(String table, String reason, Duration wait) {
                super.backfillThrottled(table, reason, wait);
                if (throttles().size() == 3) {
                    commit(holder);
                }
            }
        };
        OnlineChange change = sluice.start(QUICK.withMaxLockWaits(OptionalInt.of(1)).withMaxReplicationLag(OptionalLong.empty()), events);
        for (Thread t : waiters) {
            t.join(TimeUnit.SECONDS.toMillis(30));
        }
        holder.close();
        assertNull(failure.get(), () -> "a blocked writer failed: " + failure.get());

        List<String> throttles = events.throttles();
        assertTrue(throttles.size() >= 3, () -> "held back until the row lock was released: " + events.seen);
        assertTrue(throttles.get(0).startsWith("throttled: lock waits 2 > 1 (sessions waiting for a lock on "), throttles.get(0));
        assertEquals("batch 500", events.seen.get(0));
        assertEquals(throttles, events.seen.subList(1, 1 + throttles.size()), "no batch ran while throttled");
        assertEquals("batch 1000", events.seen.get(1 + throttles.size()), "the next batch ran once the waiters were served");
        assertTrue(change.backfills().get(0).done());
        assertEquals(0L, db.queryForLong("select count(*) from items where \"_sluice_new_label\" is distinct from upper(label)"));
        assertEquals("B", db.queryForString("select \"_sluice_new_label\" from items where id = " + ROWS));
    }

    /** {@code holder} locks the last row; two sessions then wait to update it. Returns once both wait. */
    private static void blockTwoWriters(TestDatabase db, Connection holder, List<Thread> waiters, AtomicReference<Throwable> failure) {
        try {
            holder.setAutoCommit(false);
            try (Statement s = holder.createStatement()) {
                s.execute("update items set label = label where id = " + ROWS);
            }
            for (int i = 0; i < 2; i++) {
                Thread t = new Thread(() -> {
                    try (Connection c = db.connect(); Statement s = c.createStatement()) {
                        s.execute("update items set label = 'b' where id = " + ROWS);
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                });
                t.start();
                waiters.add(t);
            }
            try (Connection watcher = db.connect(); Statement s = watcher.createStatement()) {
                while (true) {
                    try (var rs = s.executeQuery("select count(*) from pg_stat_activity where wait_event_type = 'Lock'"
                            + " and datname = current_database()")) {
                        rs.next();
                        if (rs.getLong(1) >= 2) {
                            break;
                        }
                    }
                    Thread.sleep(5);
                }
            }
            // A clear check stands for one throttle wait: let the one before batch 1 lapse, or batch 2 runs on it.
            Thread.sleep(3 * QUICK.throttleWait().toMillis());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void commit(Connection c) {
        try {
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aStandbyThatStopsAcknowledgingHoldsTheBackfillBackUntilItCatchesUp(TestDatabase db) throws Exception {
        Sluice sluice = project(db);
        try (Standby standby = Standby.connect(db, "sluice_throttle_standby")) {
            Events events = new Events() {
                @Override
                public synchronized void backfillProgress(BackfillProgress p) {
                    super.backfillProgress(p);
                    if (batches.size() == 1) {
                        writeWal(db);
                    }
                }

                @Override
                public synchronized void backfillThrottled(String table, String reason, Duration wait) {
                    super.backfillThrottled(table, reason, wait);
                    standby.acknowledge();
                }
            };
            OnlineChange change = sluice.start(QUICK.withMaxReplicationLag(OptionalLong.of(1L << 20)), events);

            List<String> throttles = events.throttles();
            assertFalse(throttles.isEmpty(), () -> "a lag over 1 MiB holds the backfill back: " + events.seen);
            assertTrue(throttles.get(0).matches("throttled: replication lag \\d+\\.\\d MiB > 1\\.0 MiB \\(standby sluice_throttle_standby\\)"),
                    throttles.get(0));
            assertEquals("batch 500", events.seen.get(0));
            assertTrue(events.seen.get(1).startsWith("throttled"), "no batch ran while throttled: " + events.seen);
            assertTrue(change.backfills().get(0).done());
            assertNull(standby.failure.get(), () -> "the standby failed: " + standby.failure.get());
        }
        assertEquals(0L, db.queryForLong("select count(*) from items where \"_sluice_new_label\" is distinct from upper(label)"));
    }

    /** About 6 MB of WAL. */
    private static void writeWal(TestDatabase db) {
        try {
            db.execute("create table filler as select g, md5(g::text) as h from generate_series(1, 60000) g");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A physical replication client over the real walsender protocol: it receives the WAL but reports it
     * flushed and replayed only up to where it began, until {@link #acknowledge()}; from then on it reports
     * all it received.
     */
    private static final class Standby implements AutoCloseable {
        final Connection connection;
        final PGReplicationStream stream;
        final AtomicBoolean acknowledging = new AtomicBoolean();
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final Thread pump;

        private Standby(Connection connection, PGReplicationStream stream) {
            this.connection = connection;
            this.stream = stream;
            this.pump = new Thread(this::pump, "standby");
            pump.start();
        }

        static Standby connect(TestDatabase db, String name) throws Exception {
            Properties props = new Properties();
            props.setProperty("user", db.user());
            if (!db.password().isEmpty()) {
                props.setProperty("password", db.password());
            }
            props.setProperty("replication", "true");
            props.setProperty("assumeMinServerVersion", "9.4");
            props.setProperty("preferQueryMode", "simple");
            props.setProperty("ApplicationName", name);
            LogSequenceNumber start = LogSequenceNumber.valueOf(db.queryForString("select pg_current_wal_lsn()::text"));
            Connection c = DriverManager.getConnection(db.jdbcUrl(), props);
            PGReplicationStream stream = c.unwrap(PGConnection.class).getReplicationAPI().replicationStream().physical()
                    .withStartPosition(start).withStatusInterval(50, TimeUnit.MILLISECONDS).start();
            stream.setFlushedLSN(start);
            stream.setAppliedLSN(start);
            stream.forceUpdateStatus();
            Standby standby = new Standby(c, stream);
            while (db.queryForLong("select count(*) from pg_stat_replication where application_name = '" + name
                    + "' and replay_lsn is not null") == 0) {
                Thread.sleep(5);
            }
            return standby;
        }

        void acknowledge() {
            acknowledging.set(true);
        }

        private void pump() {
            try {
                while (!stop.get()) {
                    if (stream.readPending() == null) {
                        Thread.sleep(2);
                    }
                    if (acknowledging.get()) {
                        stream.setFlushedLSN(stream.getLastReceiveLSN());
                        stream.setAppliedLSN(stream.getLastReceiveLSN());
                        stream.forceUpdateStatus();
                    }
                }
            } catch (Throwable e) {
                if (!stop.get()) {
                    failure.compareAndSet(null, e);
                }
            }
        }

        @Override
        public void close() throws Exception {
            stop.set(true);
            pump.join(TimeUnit.SECONDS.toMillis(10));
            stream.close();
            connection.close();
        }
    }
}
