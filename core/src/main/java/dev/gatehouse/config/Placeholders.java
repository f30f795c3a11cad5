package dev.gatehouse.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${env:NAME}} and {@code ${sys:name}} (optionally {@code ${env:NAME:-default}}) inside
 * configuration values, so that secrets stay out of the file. {@code $${} is a literal {@code ${}.
 */
final class Placeholders {

    private static final Pattern PLACEHOLDER =
            Pattern.compile("\\$\\$\\{|\\$\\{(env|sys):([A-Za-z0-9_.\\-]+)(?::-([^}]*))?}");

    private final ConfigEnvironment environment;

    Placeholders(ConfigEnvironment environment) {
        this.environment = environment;
    }

    /**
     * The value with its placeholders replaced.
     *
     * @throws IllegalArgumentException naming the unset variable and how to set it
     */
    String resolve(String value) {
        if (value.indexOf("${") < 0) {
            return value;
        }
        Matcher m = PLACEHOLDER.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement;
            if (m.group(1) == null) {
                replacement = "${";
            } else {
                boolean env = m.group(1).equals("env");
                String name = m.group(2);
                String found = env ? environment.environment().apply(name)
                        : environment.systemProperties().apply(name);
                if (found == null) {
                    found = m.group(3);
                }
                if (found == null) {
                    throw new IllegalArgumentException(env
                            ? "environment variable [" + name + "] is not set"
                            : "system property [" + name + "] is not set (use -D" + name + "=...)");
                }
                replacement = found;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
