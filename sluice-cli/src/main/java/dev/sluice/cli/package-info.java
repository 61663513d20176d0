/**
 * The {@code sluice} command line: one class per verb, using only the core's public API. Errors become
 * one line on standard error and a documented exit code, never a stack trace; announcements that must
 * not pollute machine-readable output (the embedded database) go to standard error too.
 */
package dev.sluice.cli;
