package dev.gatehouse.web;

import dev.gatehouse.binding.PostBinding;
import dev.gatehouse.binding.RedirectMessage;
import dev.gatehouse.binding.RelayState;
import dev.gatehouse.config.GatehouseConfig;
import dev.gatehouse.config.ProviderConfig;
import dev.gatehouse.error.ErrorCode;
import dev.gatehouse.error.SamlRejection;
import dev.gatehouse.identity.GatehousePrincipal;
import dev.gatehouse.internal.Html;
import dev.gatehouse.internal.LogText;
import dev.gatehouse.internal.RandomIds;
import dev.gatehouse.metadata.Endpoint;
import dev.gatehouse.metadata.IdentityProviders;
import dev.gatehouse.metadata.IdentityProviders.ActiveProvider;
import dev.gatehouse.slo.LogoutInput;
import dev.gatehouse.slo.LogoutMessageFactory;
import dev.gatehouse.slo.LogoutRequestValidator;
import dev.gatehouse.slo.LogoutResponseValidator;
import dev.gatehouse.slo.VerifiedLogoutRequest;
import dev.gatehouse.state.PendingRequest;
import dev.gatehouse.state.RequestStateStore;
import dev.gatehouse.state.SessionRevocations;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.net.URI;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.opensaml.saml.saml2.core.StatusCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Single logout (saml-profiles-2.0-os 4.4) in both directions:
 * <ul>
 *   <li>{@code {basePath}/sls/{id}}: the SingleLogoutService. An IdP-initiated LogoutRequest (HTTP-Redirect with
 *       its query signature, or HTTP-POST with an enveloped one) that passes {@link LogoutRequestValidator} ends every
 *       matching session (by NameID, and SessionIndex when given): at once in this JVM, and on any node on its next
 *       request through {@link SessionRevocations}; it is answered with a LogoutResponse to the IdP's logout endpoint. A LogoutResponse answering an
 *       SP-initiated logout sends the browser to {@code logoutReturnTo}.</li>
 *   <li>{@code {basePath}/logout}: SP-initiated logout. GET shows a confirmation form and changes nothing; only a
 *       POST from this application's own pages (same origin, or the form's token) ends the session, then sends a
 *       LogoutRequest to the IdP when it has a logout endpoint.</li>
 * </ul>
 */
final class LogoutEndpoints {

    private static final Logger LOG = LoggerFactory.getLogger(LogoutEndpoints.class);
    private static final String TOKEN_ATTRIBUTE = "dev.gatehouse.logoutToken";
    private static final String TOKEN_PARAMETER = "gatehouse_logout_token";

    private final GatehouseConfig config;
    private final IdentityProviders providers;
    private final SessionBinder sessions;
    private final SessionRevocations revocations;
    private final LocalSessions local;
    private final RequestStateStore requests;
    private final LogoutRequestValidator requestValidator;
    private final LogoutResponseValidator responseValidator;
    private final LogoutMessageFactory messages;
    private final MessageSender sender;
    private final SameSiteBounce bounce;
    private final LoginStateCookie cookie;
    private final RandomIds ids;
    private final Clock clock;

    LogoutEndpoints(GatehouseConfig config, IdentityProviders providers, SessionBinder sessions,
            SessionRevocations revocations, LocalSessions local, RequestStateStore requests,
            LogoutRequestValidator requestValidator, LogoutResponseValidator responseValidator,
            LogoutMessageFactory messages, MessageSender sender, SameSiteBounce bounce, LoginStateCookie cookie,
            RandomIds ids, Clock clock) {
        this.config = config;
        this.providers = providers;
        this.sessions = sessions;
        this.revocations = revocations;
        this.local = local;
        this.requests = requests;
        this.requestValidator = requestValidator;
        this.responseValidator = responseValidator;
        this.messages = messages;
        this.sender = sender;
        this.bounce = bounce;
        this.cookie = cookie;
        this.ids = ids;
        this.clock = clock;
    }

    /** The SingleLogoutService of a provider. */
    Outcome singleLogoutService(ProviderConfig providerConfig, HttpServletRequest request,
            HttpServletResponse response, FormParameters form) throws IOException {
        ActiveProvider provider = providers.active(providerConfig.id());
        int max = config.limits().maxMessageSize();
        RedirectMessage redirect = null;
        byte[] xml;
        boolean isRequest;
        String relayState;
        if ("GET".equals(request.getMethod())) {
            redirect = RedirectMessage.decode(request.getQueryString(), max);
            xml = redirect.xml();
            isRequest = redirect.parameter().equals("SAMLRequest");
            relayState = redirect.relayState();
        } else if ("POST".equals(request.getMethod())) {
            String samlRequest = form.get(request, "SAMLRequest");
            String samlResponse = form.get(request, "SAMLResponse");
            if ((samlRequest == null) == (samlResponse == null)) {
                throw SamlRejection.of(samlRequest == null ? ErrorCode.SAML_MESSAGE_MISSING
                        : ErrorCode.SAML_MESSAGE_MALFORMED, "A POST to the SingleLogoutService needs exactly one of "
                        + "SAMLRequest and SAMLResponse");
            }
            isRequest = samlRequest != null;
            relayState = form.get(request, "RelayState");
            if (!isRequest && SameSiteBounce.needed(request, cookie.read(request),
                    form.get(request, SameSiteBounce.PARAMETER))) {
                Map<String, String> fields = new LinkedHashMap<>();
                fields.put("SAMLResponse", samlResponse);
                fields.put("RelayState", relayState);
                return bounce.send(response, provider.serviceProvider().singleLogoutServiceUrl(), fields);
            }
            xml = PostBinding.decode(isRequest ? samlRequest : samlResponse, max);
        } else {
            throw SamlRejection.of(ErrorCode.METHOD_NOT_ALLOWED, "HTTP method [" + request.getMethod() + "] at the "
                    + "SingleLogoutService; allowed: GET, POST");
        }
        LogoutInput input = new LogoutInput(xml, redirect, provider, clock.instant());
        return isRequest ? idpInitiated(input, relayState, response) : answered(input, request, response);
    }

    private Outcome idpInitiated(LogoutInput input, String relayState, HttpServletResponse response)
            throws IOException {
        ActiveProvider provider = input.provider();
        VerifiedLogoutRequest logout = requestValidator.validate(input);
        String providerId = provider.config().id();
        boolean recorded = revocations.revoke(providerId, logout.nameId(), logout.sessionIndexes(), input.now(),
                input.now().plus(sessions.maxLifetime()));
        int here = local.invalidate(providerId, logout.nameId(), logout.sessionIndexes());
        LOG.info("Gatehouse ended the sessions of [{}] (provider [{}], session index {}) on the IdP's LogoutRequest "
                + "[{}]: [{}] invalidated in this JVM, any others refused on their next request{}",
                LogText.safe(logout.nameId()), providerId, LogText.safe(logout.sessionIndexes().toString()),
                LogText.safe(logout.id()), here, recorded ? "" : " (NOT recorded: revocation store full)");
        Endpoint slo = provider.idp().singleLogoutService().orElse(null);
        if (slo == null) {
            LOG.debug("IdP [{}] has no SingleLogoutService; the LogoutRequest is not answered", provider.idp()
                    .entityId());
            signedOutPage(response);
            return new Outcome.ResponseSent(Outcome.Reason.ENDPOINT);
        }
        LogoutMessageFactory.Message answer = messages.logoutResponse(provider, slo, logout.id(),
                recorded ? StatusCode.SUCCESS : StatusCode.PARTIAL_LOGOUT, input.now());
        sender.send(response, slo.binding(), slo.responseTarget(), "SAMLResponse", answer.message(), relayState,
                Signers.forLogout(provider));
        return new Outcome.ResponseSent(Outcome.Reason.ENDPOINT);
    }

    private Outcome answered(LogoutInput input, HttpServletRequest request, HttpServletResponse response) {
        LogoutResponseValidator.Result result = responseValidator.validate(input,
                LoginStateCookie.hash(cookie.read(request)));
        if (result.success()) {
            LOG.debug("IdP [{}] confirmed the logout [{}]", input.provider().idp().entityId(), result.pending().id());
        } else {
            LOG.warn("IdP [{}] answered the logout [{}] with status [{}]: the IdP session may still be active",
                    input.provider().idp().entityId(), result.pending().id(), LogText.safe(result.status()));
        }
        String target = result.pending().returnTo() != null ? result.pending().returnTo() : returnPath();
        PageWriter.redirect(response, HttpServletResponse.SC_SEE_OTHER, origin() + target);
        return new Outcome.ResponseSent(Outcome.Reason.ENDPOINT);
    }

    /** {@code {basePath}/logout}: confirmation on GET, logout on a same-origin POST. */
    Outcome logout(HttpServletRequest request, HttpServletResponse response, FormParameters form)
            throws IOException {
        GatehousePrincipal principal = sessions.current(request);
        if ("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod())) {
            if (principal == null) {
                PageWriter.redirect(response, HttpServletResponse.SC_SEE_OTHER, origin() + returnPath());
            } else {
                confirmationPage(request, response);
            }
            return new Outcome.ResponseSent(Outcome.Reason.ENDPOINT);
        }
        if (!"POST".equals(request.getMethod())) {
            throw SamlRejection.of(ErrorCode.METHOD_NOT_ALLOWED, "HTTP method [" + request.getMethod() + "] at the "
                    + "logout endpoint; allowed: GET, POST");
        }
        if (!sameOrigin(request) && !tokenMatches(request, form)) {
            throw SamlRejection.of(ErrorCode.LOGOUT_NOT_SAME_ORIGIN, "Logout POST from Origin [" + request.getHeader(
                    "Origin") + "], Sec-Fetch-Site [" + request.getHeader("Sec-Fetch-Site") + "] without the form's "
                    + "token");
        }
        GatehousePrincipal ended = sessions.signOut(request);
        if (ended == null) {
            PageWriter.redirect(response, HttpServletResponse.SC_SEE_OTHER, origin() + returnPath());
            return new Outcome.ResponseSent(Outcome.Reason.ENDPOINT);
        }
        LOG.info("Gatehouse signed out [{}] (provider [{}])", LogText.safe(ended.getName()), ended.providerId());
        ActiveProvider provider;
        try {
            provider = providers.active(ended.providerId());
        } catch (SamlRejection unavailable) {
            LOG.debug("Provider [{}] is unavailable; local logout only", ended.providerId());
            PageWriter.redirect(response, HttpServletResponse.SC_SEE_OTHER, origin() + returnPath());
            return new Outcome.ResponseSent(Outcome.Reason.ENDPOINT);
        }
        Endpoint slo = provider.idp().singleLogoutService().orElse(null);
        if (slo == null) {
            LOG.debug("IdP [{}] has no SingleLogoutService; local logout only", provider.idp().entityId());
            PageWriter.redirect(response, HttpServletResponse.SC_SEE_OTHER, origin() + returnPath());
            return new Outcome.ResponseSent(Outcome.Reason.ENDPOINT);
        }
        Instant now = clock.instant();
        LogoutMessageFactory.Message logout = messages.logoutRequest(provider, slo, ended, now);
        String token = cookie.issue(request, response);
        requests.save(new PendingRequest(PendingRequest.Kind.LOGOUT, logout.id(), provider.config().id(), returnPath(), LoginStateCookie.hash(token),
                now.plus(config.requestTimeout())));
        sender.send(response, slo.binding(), slo.location(), "SAMLRequest", logout.message(), null,
                Signers.forLogout(provider));
        return new Outcome.ResponseSent(Outcome.Reason.ENDPOINT);
    }

    /**
     * Whether the POST came from this application's own pages: the browser says so ({@code Sec-Fetch-Site:
     * same-origin}) or the Origin header is externalURL's origin.
     */
    private boolean sameOrigin(HttpServletRequest request) {
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null) {
            return site.equals("same-origin");
        }
        String origin = request.getHeader("Origin");
        return origin != null && origin.equals(origin());
    }

    private boolean tokenMatches(HttpServletRequest request, FormParameters form) {
        HttpSession session = request.getSession(false);
        Object expected = session == null ? null : session.getAttribute(TOKEN_ATTRIBUTE);
        String given = form.get(request, TOKEN_PARAMETER);
        return expected instanceof String e && given != null && MessageDigest.isEqual(
                e.getBytes(StandardCharsets.US_ASCII), given.getBytes(StandardCharsets.US_ASCII));
    }

    private void confirmationPage(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpSession session = request.getSession();
        Object token = session.getAttribute(TOKEN_ATTRIBUTE);
        if (!(token instanceof String)) {
            token = ids.token();
            session.setAttribute(TOKEN_ATTRIBUTE, token);
        }
        String action = config.externalContextPath() + config.basePath() + "/logout";
        PageWriter.html(response, HttpServletResponse.SC_OK, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta "
                + "charset=\"utf-8\"><title>Sign out</title><style>body{font-family:system-ui,sans-serif;max-width:"
                + "30em;margin:3em auto}</style></head>\n<body>\n<h1>Sign out?</h1>\n<form method=\"post\" action=\""
                + Html.escape(action) + "\" id=\"logout\"><input type=\"hidden\" name=\"" + TOKEN_PARAMETER
                + "\" value=\"" + Html.escape((String) token) + "\"><button type=\"submit\">Sign out</button></form>\n"
                + "</body></html>\n", null);
    }

    private void signedOutPage(HttpServletResponse response) throws IOException {
        PageWriter.html(response, HttpServletResponse.SC_OK, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta "
                + "charset=\"utf-8\"><title>Signed out</title></head>\n<body>\n<h1 id=\"signed-out\">You are signed "
                + "out.</h1>\n</body></html>\n", null);
    }

    private String returnPath() {
        return RelayState.localPath(config.logoutReturnTo(), config.externalUrl())
                .orElse(config.externalContextPath() + "/");
    }

    private String origin() {
        URI u = config.externalUrl();
        return u.getScheme() + "://" + u.getRawAuthority();
    }

    /** Reads form parameters with the engine's checks (one value, from the body, container limits mapped). */
    interface FormParameters {
        String get(HttpServletRequest request, String name);
    }
}
