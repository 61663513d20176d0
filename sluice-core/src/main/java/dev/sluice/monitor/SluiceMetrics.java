package dev.sluice.monitor;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * Binds a monitor's figures to Micrometer as gauges under {@code sluice.*}, tagged with the database's
 * name, for {@code sluice serve}'s {@code /metrics} and the Spring Boot starter alike.
 *
 * <table>
 * <caption>Meters (Prometheus names in brackets)</caption>
 * <tr><td>{@code sluice.migrations.pending}</td><td>pending migrations [sluice_migrations_pending]</td></tr>
 * <tr><td>{@code sluice.migrations.last.success}</td><td>when the newest successful migration finished, seconds
 *     since the epoch; NaN when none [sluice_migrations_last_success_seconds]</td></tr>
 * <tr><td>{@code sluice.migrations.last.duration}</td><td>how long it took [sluice_migrations_last_duration_seconds]</td></tr>
 * <tr><td>{@code sluice.migrations.failed}</td><td>migrations whose last attempt failed or was interrupted
 *     [sluice_migrations_failed]</td></tr>
 * <tr><td>{@code sluice.migrations.failures}</td><td>FAILED rows in the history [sluice_migrations_failures]</td></tr>
 * <tr><td>{@code sluice.migrations.running}</td><td>1 while a run holds the lock [sluice_migrations_running]</td></tr>
 * <tr><td>{@code sluice.migrations.running.duration}</td><td>how long it has held it [sluice_migrations_running_duration_seconds]</td></tr>
 * <tr><td>{@code sluice.drift}</td><td>1 drifted, 0 clean, NaN not (successfully) checked [sluice_drift]</td></tr>
 * <tr><td>{@code sluice.backup.age}</td><td>age of the newest full backup; NaN when none [sluice_backup_age_seconds]</td></tr>
 * <tr><td>{@code sluice.backfill.rows}</td><td>rows the online change in progress has backfilled [sluice_backfill_rows]</td></tr>
 * <tr><td>{@code sluice.backfill.rows.planned}</td><td>rows it has to backfill [sluice_backfill_rows_planned_rows]</td></tr>
 * <tr><td>{@code sluice.backfill.rate}</td><td>rows per second between the last two refreshes [sluice_backfill_rate]</td></tr>
 * <tr><td>{@code sluice.health}</td><td>1 UP, 0 DOWN [sluice_health]</td></tr>
 * <tr><td>{@code sluice.up}</td><td>1 when the database could be read [sluice_up]</td></tr>
 * </table>
 *
 * <p>Every gauge reads {@link SluiceMonitor#current()}, so one scrape costs at most one refresh, however many
 * gauges it reads. Hazard: Micrometer is an optional dependency of sluice-core; loading this class needs
 * {@code io.micrometer:micrometer-core} on the class path (1.15 or newer).
 */
public final class SluiceMetrics implements MeterBinder {

    private final SluiceMonitor monitor;
    private final Tags tags;

    /**
     * @param name the database's name in the {@code database} tag, e.g. the name the dashboard shows
     */
    public SluiceMetrics(SluiceMonitor monitor, String name) {
        this.monitor = monitor;
        this.tags = Tags.of("database", name);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        gauge(registry, "sluice.migrations.pending", "migrations waiting to be applied", "migrations", s -> s.pending().size());
        timeGauge(registry, "sluice.migrations.last.success", "when the newest successful migration finished (epoch)",
                s -> s.lastSuccessAt().map(SluiceMetrics::epochSeconds).orElse(Double.NaN));
        timeGauge(registry, "sluice.migrations.last.duration", "how long the newest successful migration took",
                s -> s.lastDuration().map(SluiceMetrics::seconds).orElse(Double.NaN));
        gauge(registry, "sluice.migrations.failed", "migrations whose last attempt failed or was interrupted", "migrations",
                s -> s.failed().size() + s.interrupted().size());
        gauge(registry, "sluice.migrations.failures", "FAILED rows in the history", "migrations", s -> s.failures());
        gauge(registry, "sluice.migrations.running", "1 while a migration run holds the lock", null, s -> s.run().isPresent() ? 1 : 0);
        timeGauge(registry, "sluice.migrations.running.duration", "how long the run in progress has held the lock",
                s -> s.run().map(r -> seconds(r.runningFor(s.readAt()))).orElse(0.0));
        gauge(registry, "sluice.drift", "1 when the last drift check found drift, 0 when clean, NaN when not checked", null,
                s -> switch (s.drift().state()) {
                    case DRIFTED -> 1;
                    case CLEAN -> 0;
                    default -> Double.NaN;
                });
        timeGauge(registry, "sluice.backup.age", "age of the newest full backup",
                s -> s.backupAge().map(SluiceMetrics::seconds).orElse(Double.NaN));
        gauge(registry, "sluice.backfill.rows", "rows the online change in progress has backfilled", "rows", s -> s.backfillRowsDone());
        gauge(registry, "sluice.backfill.rows.planned", "rows the online change in progress has to backfill", "rows",
                s -> s.backfillRowsTotal());
        gauge(registry, "sluice.backfill.rate", "backfilled rows per second between the last two refreshes", null,
                MonitorSnapshot::backfillRate);
        gauge(registry, "sluice.health", "1 when health is UP, 0 when DOWN", null,
                s -> HealthReport.of(s, monitor.settings()).up() ? 1 : 0);
        gauge(registry, "sluice.up", "1 when the database could be read", null, s -> s.error().isEmpty() ? 1 : 0);
    }

    private void gauge(MeterRegistry registry, String name, String help, String unit, ToDoubleFunction<MonitorSnapshot> value) {
        Gauge.builder(name, monitor, m -> value.applyAsDouble(m.current())).description(help).baseUnit(unit).tags(tags)
                .strongReference(true).register(registry);
    }

    private void timeGauge(MeterRegistry registry, String name, String help, ToDoubleFunction<MonitorSnapshot> secondsValue) {
        TimeGauge.builder(name, monitor, TimeUnit.SECONDS, m -> secondsValue.applyAsDouble(m.current())).description(help).tags(tags)
                .strongReference(true).register(registry);
    }

    private static double epochSeconds(Instant t) {
        return t.toEpochMilli() / 1000.0;
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }
}
