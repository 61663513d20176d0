/**
 * A JUnit 5 extension for the tests of a project whose schema Sluice migrates: a throwaway PostgreSQL
 * (or the server {@code SLUICE_TEST_URL} names) with the project's migrations applied, a fresh database
 * per test class or per test method, and an assertion that the migrations rehearse.
 *
 * <p>It is a shell over {@code sluice-core}'s public API: migrating, cloning and rehearsing are the
 * library's; this package only decides when each happens and hands the result to the test.
 *
 * <p>Hazards: the throwaway server trusts every local connection and keeps no data worth having; the
 * databases made on a {@code SLUICE_TEST_URL} server are dropped at the end of the JVM, best effort, and a
 * leftover one is named {@code sluice_<purpose>_<pid>_<n>}.
 */
package dev.sluice.junit;
