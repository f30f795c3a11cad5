package dev.gatehouse.web;

import dev.gatehouse.config.GatehouseConfig;
import dev.gatehouse.metadata.IdentityProviders.ActiveProvider;
import dev.gatehouse.sso.AuthnRequestFactory;
import dev.gatehouse.sso.AuthnRequestMessage;
import dev.gatehouse.state.PendingRequest;
import dev.gatehouse.state.RequestStateStore;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts SP-initiated SSO: binds the login to this browser ({@link LoginStateCookie}), records the pending
 * AuthnRequest, and sends the browser to the IdP with the HTTP-Redirect binding, or with an auto-submitted
 * HTTP-POST form when the IdP only offers POST (or it is configured).
 */
final class LoginStarter {

    private static final Logger LOG = LoggerFactory.getLogger(LoginStarter.class);

    private final GatehouseConfig config;
    private final AuthnRequestFactory factory;
    private final RequestStateStore requests;
    private final LoginStateCookie cookie;
    private final MessageSender sender;
    private final Clock clock;

    LoginStarter(GatehouseConfig config, AuthnRequestFactory factory, RequestStateStore requests,
            LoginStateCookie cookie, MessageSender sender, Clock clock) {
        this.config = config;
        this.factory = factory;
        this.requests = requests;
        this.cookie = cookie;
        this.sender = sender;
        this.clock = clock;
    }

    /** Sends the browser to the provider's IdP; {@code returnTo} is a checked local path or null. */
    Outcome start(ActiveProvider provider, String returnTo, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        Instant now = clock.instant();
        AuthnRequestMessage message = factory.create(provider, now);
        String token = cookie.issue(request, response);
        requests.save(new PendingRequest(PendingRequest.Kind.AUTHN, message.id(), provider.config().id(), returnTo,
                LoginStateCookie.hash(token), now.plus(config.requestTimeout())));
        LOG.debug("Gatehouse sends AuthnRequest [{}] to [{}] via {} for provider [{}]", message.id(),
                message.destination().location(), message.destination().binding(), provider.config().id());
        sender.send(response, message.destination().binding(), message.destination().location(), "SAMLRequest",
                message.request(), null, Signers.forAuthnRequest(provider));
        return new Outcome.ResponseSent(Outcome.Reason.CHALLENGE);
    }
}
