package dev.sluice.doctor;

/**
 * One item of the pre-migration checklist. An implementation is one class with a stable kebab-case id,
 * a line in the docs and a test of its own.
 *
 * <p>Hazard: {@link #run} must not throw for what it is asked about (an unreachable database, a missing
 * program, a dead endpoint): those are its verdict. It changes nothing anywhere.
 */
public interface DoctorCheck {

    /** The stable id the output and the JSON show, e.g. {@code disk}. */
    String id();

    /** What the check asks, in a few words. */
    String title();

    CheckOutcome run(DoctorContext context);
}
