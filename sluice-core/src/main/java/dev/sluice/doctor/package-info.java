/**
 * The pre-migration checklist ({@code sluice doctor}, {@code migrate --preflight}): one class per check,
 * each answering PASS, WARN or FAIL with a message that says what to do, gathered into a
 * {@link dev.sluice.doctor.DoctorReport} that a shell renders.
 *
 * <p>Why it is in the core: an embedder (build plugin, application start-up, dashboard) must be able to
 * ask the same questions the command line asks, with the same verdicts, without copying them.
 *
 * <p>Hazards: checks talk to the target database and to the machine (disk, {@code git}, an HTTP health
 * endpoint), so each one turns its own failures into a verdict instead of throwing, and none of them
 * changes anything. The facade builds the {@link dev.sluice.doctor.DoctorContext}; this package never
 * reaches up to it. Everything a shell knows about the project (where backups go, whether the target is
 * the embedded development database) arrives as plain data in a {@link dev.sluice.doctor.DoctorRequest}.
 */
package dev.sluice.doctor;
