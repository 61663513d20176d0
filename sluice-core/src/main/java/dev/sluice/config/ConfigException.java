package dev.sluice.config;

/**
 * A setting that cannot be used: an unknown key, a value of the wrong form, a named config file that
 * is missing. The message names where the value came from and the key; a shell shows it as a usage
 * error.
 */
public final class ConfigException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
