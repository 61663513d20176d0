package dev.sluice.doctor;

/**
 * A check's verdict. Any {@link #FAIL} makes the whole report fail, and {@code migrate --preflight} stop
 * before anything runs; {@link #WARN} is printed and lets the migration go on.
 */
public enum CheckStatus {
    PASS, WARN, FAIL
}
