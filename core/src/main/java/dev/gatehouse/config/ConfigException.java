package dev.gatehouse.config;

import java.util.List;

/**
 * The configuration is unusable. Lists every problem found, each naming the key (as a JSON path such as
 * {@code providers[1].identityProviderMetadataURL}, or the init-param name), what is wrong and how to fix it.
 * Thrown at startup so that a broken configuration never serves a request.
 */
public final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** One configuration problem. */
    public record ConfigProblem(String key, String problem, String fix) {
        @Override
        public String toString() {
            return key + ": " + problem + (fix == null || fix.isEmpty() ? "" : " Fix: " + fix);
        }
    }

    private final transient List<ConfigProblem> problems;

    public ConfigException(String source, List<ConfigProblem> problems) {
        super(describe(source, problems));
        this.problems = List.copyOf(problems);
    }

    /** Every problem found. */
    public List<ConfigProblem> problems() {
        return problems;
    }

    private static String describe(String source, List<ConfigProblem> problems) {
        StringBuilder text = new StringBuilder("Gatehouse configuration from ").append(source).append(" is invalid (")
                .append(problems.size()).append(problems.size() == 1 ? " problem):" : " problems):");
        for (ConfigProblem p : problems) {
            text.append("\n  - ").append(p);
        }
        return text.toString();
    }
}
