package dev.sluice.junit;

/** How long one database lives, and so which tests see each other's writes. */
public enum Isolation {
    /** A fresh database for every test method: no write leaks from one test into another. */
    PER_METHOD,
    /**
     * One database for the whole test class (and its {@code @BeforeAll} methods): the tests see each
     * other's writes, in the order JUnit runs them. For a class that sets up data once and only reads it.
     */
    PER_CLASS
}
