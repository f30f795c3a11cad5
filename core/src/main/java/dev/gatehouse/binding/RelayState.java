package dev.gatehouse.binding;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Decides where the browser may be sent after login: only to a path of this application. Used for the
 * {@code returnTo} parameter and for RelayState of IdP-initiated responses (Okta's "Default RelayState").
 * Anything that could leave the application (another host, scheme-relative {@code //host}, backslashes, control
 * characters, dot-segments) is refused, which closes the open-redirect class. Stateless.
 */
public final class RelayState {

    private static final int MAX_LENGTH = 2048;

    private RelayState() {
    }

    /**
     * The absolute path (starting with the context path) to redirect to, if {@code candidate} is a local target.
     * Accepted forms: a path that starts with the context path; a path relative to the context path (a leading
     * {@code /} is allowed); or a full URL that starts with externalURL.
     *
     * @param candidate the untrusted value
     * @param externalUrl the application's externalURL
     */
    public static Optional<String> localPath(String candidate, URI externalUrl) {
        if (candidate == null || candidate.isBlank() || candidate.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        String contextPath = externalUrl.getRawPath() == null ? "" : externalUrl.getRawPath();
        String value = candidate.trim();
        String external = externalUrl.toString();
        if (value.equals(external)) {
            return Optional.of(contextPath.isEmpty() ? "/" : contextPath + "/");
        }
        if (value.startsWith(external + "/") || value.startsWith(external + "?")) {
            value = contextPath + value.substring(external.length());
            if (value.startsWith("?")) {
                value = "/" + value;
            }
        } else if (value.contains("://")) {
            return Optional.empty();
        }
        if (!value.startsWith("/") || value.startsWith("//") || !isSafe(value)) {
            return Optional.empty();
        }
        if (!contextPath.isEmpty() && !value.equals(contextPath) && !value.startsWith(contextPath + "/")
                && !value.startsWith(contextPath + "?")) {
            value = contextPath + value;
        }
        return Optional.of(value);
    }

    private static boolean isSafe(String value) {
        String decoded;
        try {
            decoded = URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        for (String s : new String[] {value, decoded}) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c < 0x20 || c == 0x7f || c == '\\') {
                    return false;
                }
            }
            if (s.startsWith("//")) {
                return false;
            }
            String path = s.contains("?") ? s.substring(0, s.indexOf('?')) : s;
            for (String segment : path.split("/", -1)) {
                // Tomcat and some proxies drop ";parameters" before normalising, so "..;x" is a dot-segment too.
                String bare = segment.contains(";") ? segment.substring(0, segment.indexOf(';')) : segment;
                if (bare.equals("..") || bare.equals(".")) {
                    return false;
                }
            }
        }
        return true;
    }
}
