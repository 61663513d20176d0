/**
 * A project's settings by key, read the same way whichever shell gives them: the config file, the
 * environment, a build plugin's parameters or application properties. Shells layer their sources
 * (flags over environment over file) and hand the result to the facade; they never interpret a key
 * themselves, so a key cannot mean two things in two shells.
 */
package dev.sluice.config;
