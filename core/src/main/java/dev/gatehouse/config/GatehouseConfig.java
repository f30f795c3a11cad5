package dev.gatehouse.config;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The whole Gatehouse configuration of one web application. Immutable; build with {@link #builder()} or load with
 * {@link ConfigLoader} from JSON, web.xml init-params or a properties map (all three feed the same builder).
 *
 * @param externalUrl public base URL of the webapp including the context path, without trailing slash; the base of
 *     every SAML endpoint URL and of every Destination/Recipient check
 * @param basePath path of the SAML endpoints inside the webapp (default {@code /saml})
 * @param providers the trusted IdPs, at least one; ids are unique
 * @param protectedPaths which paths need a signed-in user
 * @param requestTimeout how long an SP-initiated login may take between AuthnRequest and Response
 * @param limits size limits for incoming messages
 * @param maxSessionLifetime the longest a signed-in session lasts (default 24 hours), whatever the container's idle
 *     timeout; also how long single-logout registrations and revocations are kept
 * @param logoutReturnTo where the browser lands after logout: a path relative to the webapp (default {@code /})
 * @param userStore the application's user table, or null for none (every user the IdP signs in passes)
 */
public record GatehouseConfig(URI externalUrl, String basePath, List<ProviderConfig> providers,
        PathRules protectedPaths, Duration requestTimeout, MessageLimits limits, Duration maxSessionLifetime,
        String logoutReturnTo, JdbcStoreConfig userStore) {

    /** Default {@code basePath}. */
    public static final String DEFAULT_BASE_PATH = "/saml";
    /** Default {@code maxSessionLifetime}. */
    public static final Duration DEFAULT_MAX_SESSION_LIFETIME = Duration.ofHours(24);
    /** Default {@code requestTimeout}. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofMinutes(10);

    public GatehouseConfig {
        Objects.requireNonNull(externalUrl, "externalUrl");
        String urlProblem = externalUrlProblem(externalUrl);
        if (urlProblem != null) {
            throw new IllegalArgumentException(urlProblem);
        }
        String pathProblem = basePathProblem(basePath);
        if (pathProblem != null) {
            throw new IllegalArgumentException(pathProblem);
        }
        providers = List.copyOf(providers);
        if (providers.isEmpty()) {
            throw new IllegalArgumentException("at least one provider is required");
        }
        Set<String> ids = new HashSet<>();
        for (ProviderConfig p : providers) {
            if (!ids.add(p.id())) {
                throw new IllegalArgumentException("provider id [" + p.id() + "] is used twice");
            }
        }
        Objects.requireNonNull(protectedPaths, "protectedPaths");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("requestTimeout must be positive");
        }
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(maxSessionLifetime, "maxSessionLifetime");
        if (maxSessionLifetime.isNegative() || maxSessionLifetime.isZero()) {
            throw new IllegalArgumentException("maxSessionLifetime must be positive");
        }
        logoutReturnTo = logoutReturnTo == null ? "/" : logoutReturnTo;
        if (!logoutReturnTo.startsWith("/") || logoutReturnTo.startsWith("//")) {
            throw new IllegalArgumentException("logoutReturnTo must be a path of this application");
        }
    }

    /** A builder with every default in place. */
    public static Builder builder() {
        return new Builder();
    }

    /** The provider with this id. */
    public Optional<ProviderConfig> provider(String id) {
        return providers.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /** Whether the external URL is https, which decides the Secure and SameSite cookie attributes. */
    public boolean isSecure() {
        return "https".equalsIgnoreCase(externalUrl.getScheme());
    }

    /** The context path as the browser sees it: the path of {@link #externalUrl()} ("" for the root context). */
    public String externalContextPath() {
        String path = externalUrl.getRawPath();
        return path == null ? "" : path;
    }

    /** The SP-side URLs of a provider. */
    public ServiceProviderConfig serviceProvider(ProviderConfig provider) {
        String base = externalUrl + basePath;
        String metadata = base + "/metadata/" + provider.id();
        String entityId = provider.spEntityId() != null ? provider.spEntityId() : metadata;
        return new ServiceProviderConfig(provider.id(), entityId, URI.create(base + "/acs/" + provider.id()),
                URI.create(metadata), URI.create(base + "/login/" + provider.id()),
                URI.create(base + "/sls/" + provider.id()));
    }

    /** Null when the URL is a usable externalURL, else why not. */
    static String externalUrlProblem(URI url) {
        if (!url.isAbsolute() || url.getHost() == null) {
            return "externalURL [" + url + "] must be an absolute http(s) URL with a host";
        }
        String scheme = url.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return "externalURL [" + url + "] must use http or https";
        }
        if (url.getRawQuery() != null || url.getRawFragment() != null) {
            return "externalURL [" + url + "] must not have a query or fragment";
        }
        if (url.getRawPath() != null && url.getRawPath().endsWith("/")) {
            return "externalURL [" + url + "] must not end with '/'";
        }
        return null;
    }

    /** Null when the base path is usable, else why not. */
    static String basePathProblem(String basePath) {
        if (basePath == null || !basePath.startsWith("/") || basePath.length() < 2 || basePath.endsWith("/")
                || basePath.contains("*") || basePath.contains("//")) {
            return "basePath [" + basePath + "] must start with '/', not end with '/', and have no '*' (e.g. /saml)";
        }
        return null;
    }

    /** Builds a {@link GatehouseConfig}; not thread-safe. */
    public static final class Builder {
        private URI externalUrl;
        private String basePath = DEFAULT_BASE_PATH;
        private final List<ProviderConfig> providers = new ArrayList<>();
        private PathRules protectedPaths = PathRules.everything();
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        private MessageLimits limits = MessageLimits.DEFAULTS;
        private Duration maxSessionLifetime = DEFAULT_MAX_SESSION_LIFETIME;
        private String logoutReturnTo = "/";
        private JdbcStoreConfig userStore;

        private Builder() {
        }

        public Builder externalUrl(URI externalUrl) {
            this.externalUrl = externalUrl;
            return this;
        }

        public Builder externalUrl(String externalUrl) {
            return externalUrl(URI.create(externalUrl));
        }

        public Builder basePath(String basePath) {
            this.basePath = basePath;
            return this;
        }

        public Builder provider(ProviderConfig provider) {
            this.providers.add(provider);
            return this;
        }

        public Builder protectedPaths(PathRules protectedPaths) {
            this.protectedPaths = protectedPaths;
            return this;
        }

        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = requestTimeout;
            return this;
        }

        public Builder limits(MessageLimits limits) {
            this.limits = limits;
            return this;
        }

        public Builder maxSessionLifetime(Duration maxSessionLifetime) {
            this.maxSessionLifetime = maxSessionLifetime;
            return this;
        }

        public Builder logoutReturnTo(String logoutReturnTo) {
            this.logoutReturnTo = logoutReturnTo;
            return this;
        }

        public Builder userStore(JdbcStoreConfig userStore) {
            this.userStore = userStore;
            return this;
        }

        public GatehouseConfig build() {
            return new GatehouseConfig(externalUrl, basePath, providers, protectedPaths, requestTimeout, limits,
                    maxSessionLifetime, logoutReturnTo, userStore);
        }
    }
}
