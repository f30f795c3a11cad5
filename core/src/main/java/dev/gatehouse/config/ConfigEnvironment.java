package dev.gatehouse.config;

import java.util.Map;
import java.util.function.Function;

/**
 * Where {@code ${env:NAME}} and {@code ${sys:name}} placeholders, and the config-file location, are looked up.
 * Injected so that tests never touch the real process environment.
 *
 * @param environment environment variable lookup (null when unset)
 * @param systemProperties system property lookup (null when unset)
 */
public record ConfigEnvironment(Function<String, String> environment, Function<String, String> systemProperties) {

    /** The real process environment and system properties. */
    public static ConfigEnvironment system() {
        return new ConfigEnvironment(System::getenv, System::getProperty);
    }

    /** Fixed maps, for tests. */
    public static ConfigEnvironment of(Map<String, String> environment, Map<String, String> systemProperties) {
        return new ConfigEnvironment(environment::get, systemProperties::get);
    }
}
