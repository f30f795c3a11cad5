package dev.gatehouse.web;

import dev.gatehouse.binding.RelayState;
import dev.gatehouse.config.ConfigWarnings;
import dev.gatehouse.config.GatehouseConfig;
import dev.gatehouse.config.ProviderConfig;
import dev.gatehouse.crypto.SignatureVerifier;
import dev.gatehouse.error.ErrorCode;
import dev.gatehouse.error.SamlRejection;
import dev.gatehouse.identity.Accounts;
import dev.gatehouse.identity.AttributeMapper;
import dev.gatehouse.identity.GatehousePrincipal;
import dev.gatehouse.identity.JdbcUserStore;
import dev.gatehouse.identity.UserStore;
import dev.gatehouse.internal.OpenSamlBootstrap;
import dev.gatehouse.internal.RandomIds;
import dev.gatehouse.internal.SecureXml;
import dev.gatehouse.metadata.IdentityProviders;
import dev.gatehouse.metadata.MetadataLoader;
import dev.gatehouse.sso.AuthnRequestFactory;
import dev.gatehouse.slo.LogoutMessageFactory;
import dev.gatehouse.slo.LogoutRequestValidator;
import dev.gatehouse.slo.LogoutResponseValidator;
import dev.gatehouse.sso.ResponseValidator;
import dev.gatehouse.state.InMemoryReplayCache;
import dev.gatehouse.state.InMemoryRequestStateStore;
import dev.gatehouse.state.InMemorySessionRevocations;
import dev.gatehouse.state.ReplayCache;
import dev.gatehouse.state.RequestStateStore;
import dev.gatehouse.state.SessionRevocations;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The container-neutral Gatehouse service provider for one web application. A container adapter calls
 * {@link #handle} for every request and acts on the {@link Outcome}: the SAML endpoints under {@code basePath}
 * answer themselves; a request with a signed-in session is {@link Outcome.Authenticated}; an unauthenticated request
 * to a protected path is challenged (a browser is sent to the IdP and comes back to the URL it asked for; an XHR or
 * JSON client gets 401); anything else passes as {@link Outcome.Anonymous}.
 *
 * <p>Build once at startup with {@link #builder(GatehouseConfig)}; thread-safe; holds no per-request state.
 */
public final class GatehouseEngine {

    private static final Logger LOG = LoggerFactory.getLogger(GatehouseEngine.class);

    private final GatehouseConfig config;
    private final IdentityProviders providers;
    private final SamlEndpoints endpoints;
    private final LoginStarter loginStarter;
    private final SessionBinder sessions;
    private final ErrorPage errors;

    private GatehouseEngine(Builder b) {
        OpenSamlBootstrap.ensureInitialized();
        this.config = b.config;
        logPolicy(config, b.clock.instant(), b.userStore != null);
        RandomIds ids = new RandomIds();
        SecureXml xml = SecureXml.forMessages(config.limits().maxXmlDepth());
        this.providers = new IdentityProviders(config, b.metadataLoader != null ? b.metadataLoader
                : MetadataLoader.withDefaults(b.clock), b.clock);
        RequestStateStore requests = b.requests != null ? b.requests : new InMemoryRequestStateStore(b.clock);
        ReplayCache replays = b.replays != null ? b.replays : new InMemoryReplayCache(b.clock);
        SessionRevocations revocations = b.revocations != null ? b.revocations
                : new InMemorySessionRevocations(b.clock);
        LocalSessions local = new LocalSessions();
        this.sessions = new SessionBinder(revocations, local, ids, b.clock, config.maxSessionLifetime());
        LoginStateCookie cookie = new LoginStateCookie(config, ids);
        MessageSender sender = new MessageSender(ids);
        SameSiteBounce bounce = new SameSiteBounce(ids);
        this.errors = new ErrorPage(ids);
        this.loginStarter = new LoginStarter(config, new AuthnRequestFactory(ids), requests, cookie, sender, b.clock);
        ResponseValidator validator = new ResponseValidator(xml, new SignatureVerifier(), requests, replays,
                config.limits());
        LogoutEndpoints logout = new LogoutEndpoints(config, providers, sessions, revocations, local, requests,
                new LogoutRequestValidator(xml, config.limits(), replays, config.requestTimeout()),
                new LogoutResponseValidator(xml, config.limits(), requests), new LogoutMessageFactory(ids), sender,
                bounce, cookie, ids, b.clock);
        this.endpoints = new SamlEndpoints(config, providers, loginStarter, validator, new AttributeMapper(),
                new Accounts(userStore(b)), sessions, cookie, errors, ids, b.clock, logout, bounce);
    }

    /**
     * The user store: the builder's, else the configured table (checked now; a problem is logged, and sign-ins fail
     * with user_store_unavailable until it is fixed), else none.
     */
    private static UserStore userStore(Builder b) {
        if (b.userStore != null || b.config.userStore() == null) {
            return b.userStore;
        }
        JdbcUserStore store = new JdbcUserStore(b.config.userStore());
        try {
            store.verify();
            LOG.info("Gatehouse user store: {}", b.config.userStore());
        } catch (UserStore.UserStoreException e) {
            LOG.error("Gatehouse user store {} failed its startup check; sign-ins that need it will fail while this "
                    + "lasts: {}", b.config.userStore(), e.getMessage());
        }
        return store;
    }

    /** A builder for an engine with this configuration; the defaults are the system clock and in-memory stores. */
    public static Builder builder(GatehouseConfig config) {
        return new Builder(config);
    }

    /** One link per configured provider, in configuration order. */
    public java.util.List<ProviderLink> providerLinks() {
        String base = config.externalContextPath() + config.basePath() + "/login/";
        return config.providers().stream().map(p -> new ProviderLink(p.id(), p.displayName(), base + p.id())).toList();
    }

    /** The configuration this engine runs with. */
    public GatehouseConfig config() {
        return config;
    }

    /**
     * Decides what to do with a request, writing the response itself when the outcome is
     * {@link Outcome.ResponseSent}. Whether the path needs a user is decided by {@code protectedPaths} (the filter).
     */
    public Outcome handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
        return handle(request, response, null);
    }

    /**
     * Like {@link #handle(HttpServletRequest, HttpServletResponse)}, but the container decides whether the request
     * needs a user (Jakarta Authentication's {@code isMandatory}, from the webapp's security constraints);
     * {@code protectedPaths} is not consulted.
     */
    public Outcome handle(HttpServletRequest request, HttpServletResponse response, boolean mandatory)
            throws IOException {
        return handle(request, response, Boolean.valueOf(mandatory));
    }

    /** Local logout without a page: forgets this request's login and invalidates its session. */
    public void signOutLocally(HttpServletRequest request) {
        sessions.signOut(request);
    }

    private Outcome handle(HttpServletRequest request, HttpServletResponse response, Boolean mandatory)
            throws IOException {
        String path = pathWithinApplication(request);
        String base = config.basePath();
        try {
            if (isUnder(path, base)) {
                return endpoints.handle(path.substring(base.length()), request, response);
            }
            GatehousePrincipal principal = sessions.current(request);
            if (principal != null && providers.config(principal.providerId()).isPresent()) {
                return new Outcome.Authenticated(principal);
            }
            boolean needsUser = mandatory != null ? mandatory : config.protectedPaths().isProtected(path);
            if (!needsUser) {
                return Outcome.ANONYMOUS;
            }
            return challenge(request, response);
        } catch (SamlRejection rejection) {
            errors.send(response, "request", null, rejection, null);
            return new Outcome.ResponseSent(Outcome.Reason.REJECTED);
        } catch (RuntimeException e) {
            LOG.error("Gatehouse failed on [{} {}]", request.getMethod(), request.getRequestURI(), e);
            errors.send(response, "request", null, SamlRejection.of(ErrorCode.INTERNAL_ERROR, String.valueOf(e)),
                    null);
            return new Outcome.ResponseSent(Outcome.Reason.REJECTED);
        }
    }

    private Outcome challenge(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String loginPath = config.externalContextPath() + config.basePath() + "/login";
        if (!isBrowserNavigation(request)) {
            response.setHeader("WWW-Authenticate", "SAML realm=\"" + config.externalUrl() + "\"");
            response.setHeader(ErrorPage.ERROR_HEADER, ErrorCode.AUTHENTICATION_REQUIRED.code());
            PageWriter.text(response, HttpServletResponse.SC_UNAUTHORIZED, "application/json;charset=UTF-8",
                    "{\"error\":\"" + ErrorCode.AUTHENTICATION_REQUIRED.code() + "\",\"message\":\""
                            + ErrorCode.AUTHENTICATION_REQUIRED.userMessage() + "\",\"loginUrl\":\"" + loginPath
                            + "\"}");
            return new Outcome.ResponseSent(Outcome.Reason.CHALLENGE);
        }
        String returnTo = null;
        if ("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod())) {
            String raw = request.getRequestURI().substring(request.getContextPath().length());
            String query = request.getQueryString();
            returnTo = RelayState.localPath(config.externalContextPath() + raw + (query == null ? "" : "?" + query),
                    config.externalUrl()).orElse(null);
        }
        if (providers.ids().size() == 1) {
            return loginStarter.start(providers.active(providers.ids().get(0)), returnTo, request, response);
        }
        PageWriter.redirect(response, HttpServletResponse.SC_FOUND, loginPath
                + (returnTo == null ? "" : "?returnTo=" + URLEncoder.encode(returnTo, StandardCharsets.UTF_8)));
        return new Outcome.ResponseSent(Outcome.Reason.CHALLENGE);
    }

    /**
     * Whether the request is a top-level browser navigation (which may be redirected to the IdP) rather than a
     * script or API call (which gets 401 instead of a redirect to a foreign origin it cannot follow).
     */
    static boolean isBrowserNavigation(HttpServletRequest request) {
        if ("XMLHttpRequest".equalsIgnoreCase(request.getHeader("X-Requested-With"))) {
            return false;
        }
        String mode = request.getHeader("Sec-Fetch-Mode");
        if (mode != null && !mode.equals("navigate") && !mode.equals("nested-navigate")) {
            return false;
        }
        String accept = request.getHeader("Accept");
        return accept == null || !accept.contains("application/json") || accept.contains("text/html");
    }

    /** Whether the path is the base path or below it ({@code /saml} and {@code /saml/acs}, not {@code /samlx}). */
    static boolean isUnder(String path, String base) {
        return path.startsWith(base) && (path.length() == base.length() || path.charAt(base.length()) == '/');
    }

    /**
     * The servlet path and path info joined; on every signed-in request, so the common case of one of them being
     * empty returns the other without building a string.
     */
    static String pathWithinApplication(HttpServletRequest request) {
        String servletPath = Objects.requireNonNullElse(request.getServletPath(), "");
        String pathInfo = request.getPathInfo();
        String path = pathInfo == null || pathInfo.isEmpty() ? servletPath
                : servletPath.isEmpty() ? pathInfo : servletPath + pathInfo;
        return path.isEmpty() ? "/" : path;
    }

    private static void logPolicy(GatehouseConfig config, Instant now, boolean customStore) {
        LOG.info("Gatehouse starting for [{}] with {} provider(s); SAML endpoints under [{}{}]", config.externalUrl(),
                config.providers().size(), config.externalUrl(), config.basePath());
        ConfigWarnings.of(config, now).forEach(LOG::warn);
        for (ProviderConfig p : config.providers()) {
            if (p.validation().allowIdpInitiated()) {
                LOG.info("Gatehouse provider [{}]: IdP-initiated login is allowed (allowIdpInitiated=false to "
                        + "require SP-initiated login)", p.id());
            }
            if (p.allowSignup() != null && config.userStore() == null && !customStore) {
                LOG.info("Gatehouse provider [{}]: allowSignup has no effect without a userStore (or a UserStore "
                        + "given to the engine): every user the IdP signs in passes", p.id());
            }
        }
    }

    /** Builds a {@link GatehouseEngine}; not thread-safe. */
    public static final class Builder {
        private final GatehouseConfig config;
        private Clock clock = Clock.systemUTC();
        private RequestStateStore requests;
        private ReplayCache replays;
        private MetadataLoader metadataLoader;
        private SessionRevocations revocations;
        private UserStore userStore;

        private Builder(GatehouseConfig config) {
            this.config = Objects.requireNonNull(config, "config");
        }

        /** The clock for every time check (tests pass a fixed one). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Where pending AuthnRequests are kept (default: in memory). */
        public Builder requestStateStore(RequestStateStore requests) {
            this.requests = requests;
            return this;
        }

        /** Where accepted assertion ids are kept (default: in memory). */
        public Builder replayCache(ReplayCache replays) {
            this.replays = replays;
            return this;
        }

        /** Where single-logout revocations are kept (default: in memory); share it between nodes. */
        public Builder sessionRevocations(SessionRevocations revocations) {
            this.revocations = revocations;
            return this;
        }

        /** How IdP metadata is loaded (default: JDK HTTP client). */
        public Builder metadataLoader(MetadataLoader metadataLoader) {
            this.metadataLoader = metadataLoader;
            return this;
        }

        /**
         * The application's own accounts (instead of the configuration's {@code userStore}): the plug-in point for
         * applications that keep users their own way.
         */
        public Builder userStore(UserStore userStore) {
            this.userStore = userStore;
            return this;
        }

        /** Loads every provider's metadata (failures are logged, not thrown) and returns the engine. */
        public GatehouseEngine build() {
            return new GatehouseEngine(this);
        }
    }
}
