package dev.gatehouse.web;

import dev.gatehouse.binding.PostBinding;
import dev.gatehouse.binding.RelayState;
import dev.gatehouse.config.GatehouseConfig;
import dev.gatehouse.config.ProviderConfig;
import dev.gatehouse.error.ErrorCode;
import dev.gatehouse.error.SamlRejection;
import dev.gatehouse.identity.Accounts;
import dev.gatehouse.identity.AttributeMapper;
import dev.gatehouse.identity.GatehousePrincipal;
import dev.gatehouse.internal.Html;
import dev.gatehouse.internal.LogText;
import dev.gatehouse.internal.RandomIds;
import dev.gatehouse.metadata.IdentityProviders;
import dev.gatehouse.metadata.IdentityProviders.ActiveProvider;
import dev.gatehouse.metadata.SpMetadataWriter;
import dev.gatehouse.sso.AcceptedResponse;
import dev.gatehouse.sso.ResponseValidator;
import dev.gatehouse.sso.VerifiedAssertion;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SAML endpoints under {@code basePath}, matched from configuration (never by suffix):
 * <ul>
 *   <li>{@code GET metadata/{id}}: this SP's metadata;</li>
 *   <li>{@code GET login/{id}?returnTo=/path}: SP-initiated SSO; {@code GET login} with several providers shows a
 *       chooser;</li>
 *   <li>{@code POST acs/{id}}: the AssertionConsumerService (HTTP-POST binding), SP- and IdP-initiated;</li>
 *   <li>{@code GET|POST sls/{id}} and {@code GET|POST logout}: single logout, see {@link LogoutEndpoints}.</li>
 * </ul>
 * {@code {id}} may be left out when exactly one provider is configured.
 */
final class SamlEndpoints {

    private static final Logger LOG = LoggerFactory.getLogger(SamlEndpoints.class);

    private final GatehouseConfig config;
    private final IdentityProviders providers;
    private final LoginStarter loginStarter;
    private final ResponseValidator validator;
    private final AttributeMapper attributeMapper;
    private final Accounts accounts;
    private final SessionBinder sessions;
    private final LoginStateCookie cookie;
    private final ErrorPage errors;
    private final RandomIds ids;
    private final Clock clock;
    private final SpMetadataWriter metadataWriter = new SpMetadataWriter();
    private final java.util.Map<String, String> metadataDocuments = new java.util.concurrent.ConcurrentHashMap<>();
    private final LogoutEndpoints logout;
    private final SameSiteBounce bounce;

    SamlEndpoints(GatehouseConfig config, IdentityProviders providers, LoginStarter loginStarter,
            ResponseValidator validator, AttributeMapper attributeMapper, Accounts accounts, SessionBinder sessions,
            LoginStateCookie cookie, ErrorPage errors, RandomIds ids, Clock clock, LogoutEndpoints logout,
            SameSiteBounce bounce) {
        this.config = config;
        this.providers = providers;
        this.loginStarter = loginStarter;
        this.validator = validator;
        this.attributeMapper = attributeMapper;
        this.accounts = accounts;
        this.sessions = sessions;
        this.cookie = cookie;
        this.errors = errors;
        this.ids = ids;
        this.clock = clock;
        this.logout = logout;
        this.bounce = bounce;
    }

    /** Handles a request whose path is {@code basePath + subPath}. */
    Outcome handle(String subPath, HttpServletRequest request, HttpServletResponse response) throws IOException {
        String[] segments = subPath.startsWith("/") ? subPath.substring(1).split("/", -1) : new String[] {""};
        String endpoint = segments[0];
        String id = segments.length > 1 ? segments[1] : null;
        if (segments.length > 2 || "".equals(id)) {
            return reject(response, "request", null, SamlRejection.of(ErrorCode.ENDPOINT_UNKNOWN,
                    "No Gatehouse endpoint at [" + subPath + "]"), null);
        }
        try {
            return switch (endpoint) {
                case "metadata" -> metadata(id, request, response);
                case "login" -> login(id, request, response);
                case "acs" -> acs(id, request, response);
                case "sls" -> logout.singleLogoutService(providerConfig(id), request, response,
                        SamlEndpoints::parameter);
                case "logout" -> {
                    if (id != null) {
                        throw SamlRejection.of(ErrorCode.ENDPOINT_UNKNOWN, "The logout endpoint takes no provider id");
                    }
                    yield logout.logout(request, response, SamlEndpoints::parameter);
                }
                default -> throw SamlRejection.of(ErrorCode.ENDPOINT_UNKNOWN, "No Gatehouse endpoint at ["
                        + config.basePath() + subPath + "]");
            };
        } catch (SamlRejection rejection) {
            return reject(response, endpoint.isEmpty() ? "request" : endpoint + " request", id, rejection,
                    endpoint.equals("acs") || endpoint.equals("login") ? loginUrl(id) : null);
        }
    }

    private Outcome metadata(String id, HttpServletRequest request, HttpServletResponse response) throws IOException {
        requireMethod(request, "GET", "HEAD");
        ProviderConfig provider = providerConfig(id);
        // the document depends only on the configuration: written (and signed) once, not on every anonymous GET
        String xml = metadataDocuments.computeIfAbsent(provider.id(), k -> metadataWriter.write(
                config.serviceProvider(provider), provider, Signers.announcesSignedAuthnRequests(provider)));
        response.setHeader("Content-Disposition", "inline; filename=\"" + provider.id() + "-sp-metadata.xml\"");
        PageWriter.text(response, HttpServletResponse.SC_OK, SpMetadataWriter.MEDIA_TYPE + ";charset=UTF-8", xml);
        return new Outcome.ResponseSent(Outcome.Reason.ENDPOINT);
    }

    private Outcome login(String id, HttpServletRequest request, HttpServletResponse response) throws IOException {
        requireMethod(request, "GET", "HEAD");
        String returnTo = RelayState.localPath(request.getParameter("returnTo"), config.externalUrl()).orElse(null);
        if (id == null && providers.ids().size() > 1) {
            chooser(returnTo, response);
            return new Outcome.ResponseSent(Outcome.Reason.ENDPOINT);
        }
        return loginStarter.start(providers.active(providerConfig(id).id()), returnTo, request, response);
    }

    private Outcome acs(String id, HttpServletRequest request, HttpServletResponse response) throws IOException {
        requireMethod(request, "POST");
        ProviderConfig providerConfig = providerConfig(id);
        long length = request.getContentLengthLong();
        if (length > config.limits().maxRequestBodyBytes()) {
            throw SamlRejection.of(ErrorCode.SAML_MESSAGE_TOO_LARGE, "The request body has [" + length + "] bytes, "
                    + "more than a message of maxMessageSize [" + config.limits().maxMessageSize() + "] needs");
        }
        String samlResponse = parameter(request, "SAMLResponse");
        String relayState = parameter(request, "RelayState");
        if (samlResponse == null || samlResponse.isBlank()) {
            throw SamlRejection.of(ErrorCode.SAML_MESSAGE_MISSING, "POST to the ACS without a SAMLResponse "
                    + "parameter");
        }
        String token = cookie.read(request);
        if (SameSiteBounce.needed(request, token, parameter(request, SameSiteBounce.PARAMETER))) {
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("SAMLResponse", samlResponse);
            fields.put("RelayState", relayState);
            return bounce.send(response, config.serviceProvider(providerConfig).assertionConsumerServiceUrl(), fields);
        }
        ActiveProvider provider = providers.active(providerConfig.id());
        byte[] message = PostBinding.decode(samlResponse, config.limits().maxMessageSize());
        AcceptedResponse accepted = validator.validate(new ResponseValidator.Input(message, provider,
                LoginStateCookie.hash(token), clock.instant()));
        VerifiedAssertion assertion = accepted.assertion();
        GatehousePrincipal mapped = attributeMapper.map(assertion, provider.config());
        Accounts.Decision account = accounts.decide(mapped, provider.config());
        accepted.commit();
        GatehousePrincipal principal = account.apply();
        sessions.signIn(request, principal);
        String target = assertion.returnTo();
        if (target == null && assertion.inResponseTo() == null) {
            target = RelayState.localPath(relayState, config.externalUrl()).orElse(null);
        }
        if (target == null) {
            target = config.externalContextPath() + "/";
        }
        LOG.info("Gatehouse signed in [{}] via provider [{}] (IdP [{}], {}, session index [{}])",
                LogText.safe(principal.getName()), provider.config().id(), assertion.issuer(),
                assertion.inResponseTo() == null ? "IdP-initiated" : "SP-initiated",
                LogText.safe(assertion.sessionIndex()));
        PageWriter.redirect(response, HttpServletResponse.SC_SEE_OTHER, origin() + target);
        return new Outcome.ResponseSent(Outcome.Reason.SIGNED_IN);
    }

    private void chooser(String returnTo, HttpServletResponse response) throws IOException {
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>Sign in</title><style>body{font-family:system-ui,sans-serif;max-width:30em;margin:3em auto}"
                + "li{margin:.6em 0}</style></head>\n<body>\n<h1>Sign in</h1>\n<ul>\n");
        String suffix = returnTo == null ? "" : "?returnTo=" + URLEncoder.encode(returnTo, StandardCharsets.UTF_8);
        for (String id : providers.ids()) {
            ProviderConfig p = providers.config(id).orElseThrow();
            html.append("<li><a class=\"provider\" href=\"").append(Html.escape(loginUrl(id) + suffix))
                    .append("\">Sign in with ").append(Html.escape(p.displayName())).append("</a></li>\n");
        }
        html.append("</ul>\n</body></html>\n");
        PageWriter.html(response, HttpServletResponse.SC_OK, html.toString(), null);
    }

    private ProviderConfig providerConfig(String id) {
        List<String> all = providers.ids();
        if (id == null) {
            if (all.size() == 1) {
                return providers.config(all.get(0)).orElseThrow();
            }
            throw SamlRejection.of(ErrorCode.PROVIDER_UNKNOWN, "Several providers are configured " + all
                    + "; the path must name one, e.g. " + config.basePath() + "/login/" + all.get(0));
        }
        return providers.config(id).orElseThrow(() -> SamlRejection.of(ErrorCode.PROVIDER_UNKNOWN,
                "No provider with id [" + id + "]; configured are " + all));
    }

    /**
     * A form parameter. Containers refuse oversized form bodies themselves (Jetty's maxFormContentSize, 200 KB by
     * default) by throwing from getParameter; that becomes a typed rejection instead of an internal error.
     */
    static String parameter(HttpServletRequest request, String name) {
        try {
            String[] values = request.getParameterValues(name);
            if (values == null) {
                return null;
            }
            if (values.length > 1) {
                // Containers and frameworks disagree on which of several values wins: refuse the ambiguity.
                throw SamlRejection.of(ErrorCode.SAML_MESSAGE_MALFORMED, "The request carries [" + values.length
                        + "] " + name + " parameters; exactly one is allowed");
            }
            if (queryHasParameter(request.getQueryString(), name)) {
                throw SamlRejection.of(ErrorCode.SAML_MESSAGE_MALFORMED, "The " + name + " parameter is in the query "
                        + "string; the HTTP-POST binding carries it in the form body");
            }
            return values[0];
        } catch (SamlRejection e) {
            throw e;
        } catch (RuntimeException e) {
            StringBuilder chain = new StringBuilder();
            for (Throwable t = e; t != null; t = t.getCause()) {
                chain.append(chain.length() == 0 ? "" : " / ").append(t.getMessage());
            }
            String message = chain.toString();
            boolean size = message.toLowerCase(java.util.Locale.ROOT).matches("(?s).*(too large|larger than|max).*");
            throw SamlRejection.of(size ? ErrorCode.SAML_MESSAGE_TOO_LARGE : ErrorCode.SAML_MESSAGE_MALFORMED,
                    "The container could not read the form: " + message, size ? "raise the container's form size "
                            + "limit (Jetty maxFormContentSize, Tomcat maxPostSize) if IdP responses are this large"
                            : null);
        }
    }

    private static boolean queryHasParameter(String query, String name) {
        if (query == null) {
            return false;
        }
        for (String pair : query.split("&")) {
            String raw = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
            try {
                if (java.net.URLDecoder.decode(raw, StandardCharsets.UTF_8).equals(name)) {
                    return true;
                }
            } catch (IllegalArgumentException malformed) {
                return true;
            }
        }
        return false;
    }

    private static void requireMethod(HttpServletRequest request, String... allowed) {
        for (String method : allowed) {
            if (method.equals(request.getMethod())) {
                return;
            }
        }
        throw SamlRejection.of(ErrorCode.METHOD_NOT_ALLOWED, "HTTP method [" + request.getMethod() + "] at ["
                + request.getRequestURI() + "]; allowed: " + String.join(", ", allowed));
    }

    private Outcome reject(HttpServletResponse response, String what, String id, SamlRejection rejection,
            String retryUrl) throws IOException {
        if (rejection.code() == ErrorCode.METHOD_NOT_ALLOWED) {
            response.setHeader("Allow", "GET, HEAD, POST");
        }
        errors.send(response, what, id, rejection, retryUrl);
        return new Outcome.ResponseSent(Outcome.Reason.REJECTED);
    }

    private String loginUrl(String id) {
        String base = config.externalContextPath() + config.basePath() + "/login";
        if (id != null && providers.config(id).isPresent()) {
            return base + "/" + id;
        }
        return base;
    }

    private String origin() {
        URI u = config.externalUrl();
        return u.getScheme() + "://" + u.getRawAuthority();
    }
}
