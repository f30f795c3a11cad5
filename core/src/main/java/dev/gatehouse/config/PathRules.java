package dev.gatehouse.config;

import java.util.List;

/**
 * Which request paths (relative to the context path) require a signed-in user. Patterns follow the servlet
 * {@code url-pattern} syntax: {@code /*} (everything), {@code /admin/*} (prefix), {@code *.jsp} (extension) or an
 * exact path. A path is protected when it matches an include pattern and no exclude pattern. The SAML endpoints
 * under {@code basePath} are never protected.
 */
public record PathRules(List<String> include, List<String> exclude) {

    public PathRules {
        include = List.copyOf(include);
        exclude = List.copyOf(exclude);
        for (String p : include) {
            requireValid(p);
        }
        for (String p : exclude) {
            requireValid(p);
        }
    }

    /** Everything is protected. */
    public static PathRules everything() {
        return new PathRules(List.of("/*"), List.of());
    }

    /** Whether a request path (servlet path plus path info) needs a signed-in user. */
    public boolean isProtected(String path) {
        return matchesAny(include, path) && !matchesAny(exclude, path);
    }

    /** Null when the pattern is acceptable, else the reason. */
    static String problemWith(String pattern) {
        if (pattern == null || pattern.isEmpty()) {
            return "a path pattern is empty";
        }
        if (pattern.startsWith("*.")) {
            return pattern.indexOf('/') >= 0 ? "an extension pattern [" + pattern + "] must not contain '/'" : null;
        }
        if (!pattern.startsWith("/")) {
            return "the path pattern [" + pattern + "] must start with '/' or '*.'";
        }
        int star = pattern.indexOf('*');
        if (star >= 0 && !(pattern.endsWith("/*") && star == pattern.length() - 1)) {
            return "the path pattern [" + pattern + "] may only use '*' as a final '/*' or as '*.ext'";
        }
        return null;
    }

    private static void requireValid(String pattern) {
        String problem = problemWith(pattern);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    private static boolean matchesAny(List<String> patterns, String path) {
        for (String p : patterns) {
            if (matches(p, path)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(String pattern, String path) {
        if (pattern.equals("/*")) {
            return true;
        }
        if (pattern.startsWith("*.")) {
            return path.endsWith(pattern.substring(1));
        }
        if (pattern.endsWith("/*")) {
            String prefix = pattern.substring(0, pattern.length() - 2);
            return path.equals(prefix) || path.startsWith(prefix + "/");
        }
        return path.equals(pattern);
    }
}
