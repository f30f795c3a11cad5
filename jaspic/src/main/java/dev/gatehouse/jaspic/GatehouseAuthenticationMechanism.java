package dev.gatehouse.jaspic;

import dev.gatehouse.config.ConfigLoader;
import dev.gatehouse.identity.GatehousePrincipal;
import dev.gatehouse.web.GatehouseEngine;
import dev.gatehouse.web.Outcome;
import dev.gatehouse.web.ProviderLink;
import dev.gatehouse.web.ServletConfigSource;
import jakarta.security.enterprise.AuthenticationException;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gatehouse as the Jakarta Security {@link HttpAuthenticationMechanism} of an application on a full Jakarta EE server
 * (WildFly, Payara/GlassFish, Open Liberty): the server's Jakarta Security implementation calls it for every request,
 * as it would a built-in form or OpenID Connect mechanism, and it answers from the same {@link GatehouseEngine} as
 * the filter and the {@link GatehouseServerAuthModule}:
 * <ul>
 *   <li>the SAML endpoints are answered here ({@code SEND_CONTINUE}, or {@code SEND_FAILURE} for a refused message);</li>
 *   <li>a signed-in session (not revoked, within its lifetime) becomes the caller with its mapped roles as groups,
 *       through {@link HttpMessageContext#notifyContainerAboutLogin}, on every request;</li>
 *   <li>otherwise a protected request ({@link HttpMessageContext#isProtected()}) is sent to the IdP and any other
 *       passes anonymously ({@link HttpMessageContext#doNothing()}).</li>
 * </ul>
 * Activated by {@link EnableGatehouseSaml} on any class of the application ({@link GatehouseSecurityExtension} then
 * adds this class as an application-scoped bean). The configuration is found as the filter finds it (context-param
 * {@code gatehouse.configFile}, {@code -Dgatehouse.config}, {@code GATEHOUSE_CONFIG}) on the first request (a
 * configuration error is logged then and every request fails, without rebuilding); one engine per application.
 * Thread-safe.
 */
public class GatehouseAuthenticationMechanism implements HttpAuthenticationMechanism {

    private static final Logger LOG = LoggerFactory.getLogger(GatehouseAuthenticationMechanism.class);

    private volatile GatehouseEngine engine;
    private volatile AuthenticationException failure;

    /** The bean constructor: the engine is built from the application's configuration on first use. */
    public GatehouseAuthenticationMechanism() {
    }

    /** A mechanism answering from {@code engine} (built in code, or shared with other adapters). */
    public GatehouseAuthenticationMechanism(GatehouseEngine engine) {
        this.engine = engine;
    }

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context) throws AuthenticationException {
        Outcome outcome;
        try {
            outcome = engine(request.getServletContext()).handle(request, response, context.isProtected());
        } catch (IOException e) {
            throw new AuthenticationException("Gatehouse could not write its response: " + e.getMessage(), e);
        }
        if (outcome instanceof Outcome.Authenticated authenticated) {
            GatehousePrincipal user = authenticated.principal();
            return context.notifyContainerAboutLogin(user, new LinkedHashSet<>(user.roles()));
        }
        if (outcome instanceof Outcome.Anonymous) {
            return context.doNothing();
        }
        Outcome.ResponseSent sent = (Outcome.ResponseSent) outcome;
        return sent.reason() == Outcome.Reason.REJECTED ? AuthenticationStatus.SEND_FAILURE
                : AuthenticationStatus.SEND_CONTINUE;
    }

    /** Local logout ({@code HttpServletRequest.logout()}): the Gatehouse login of this session ends. */
    @Override
    public void cleanSubject(HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        if (engine != null) {
            engine.signOutLocally(request);
        }
        HttpAuthenticationMechanism.super.cleanSubject(request, response, context);
    }

    private GatehouseEngine engine(ServletContext servletContext) throws AuthenticationException {
        GatehouseEngine current = engine;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (engine == null && failure == null) {
                try {
                    engine = GatehouseEngine.builder(new ServletConfigSource(new ConfigLoader()).load(Map.of(),
                            "webapp [" + servletContext.getContextPath() + "]", servletContext)).build();
                    servletContext.setAttribute(ProviderLink.CONTEXT_ATTRIBUTE, engine.providerLinks());
                } catch (RuntimeException e) {
                    failure = new AuthenticationException("Gatehouse cannot start: " + e.getMessage(), e);
                    LOG.error("Gatehouse cannot start, so every request to [{}] fails until it is fixed and the "
                            + "application redeployed: {}", servletContext.getContextPath(), e.getMessage());
                }
            }
            if (failure != null) {
                throw failure;
            }
            return engine;
        }
    }
}
