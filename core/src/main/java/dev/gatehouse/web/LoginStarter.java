package dev.gatehouse.web;

import dev.gatehouse.binding.Binding;
import dev.gatehouse.binding.PostBinding;
import dev.gatehouse.binding.RedirectBinding;
import dev.gatehouse.config.GatehouseConfig;
import dev.gatehouse.internal.RandomIds;
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
import java.util.Map;
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
    private final RandomIds ids;
    private final Clock clock;

    LoginStarter(GatehouseConfig config, AuthnRequestFactory factory, RequestStateStore requests,
            LoginStateCookie cookie, RandomIds ids, Clock clock) {
        this.config = config;
        this.factory = factory;
        this.requests = requests;
        this.cookie = cookie;
        this.ids = ids;
        this.clock = clock;
    }

    /** Sends the browser to the provider's IdP; {@code returnTo} is a checked local path or null. */
    Outcome start(ActiveProvider provider, String returnTo, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        Instant now = clock.instant();
        AuthnRequestMessage message = factory.create(provider, now);
        String token = cookie.issue(request, response);
        requests.save(new PendingRequest(message.id(), provider.config().id(), returnTo,
                LoginStateCookie.hash(token), now.plus(config.requestTimeout())));
        LOG.debug("Gatehouse sends AuthnRequest [{}] to [{}] via {} for provider [{}]", message.id(),
                message.destination().location(), message.destination().binding(), provider.config().id());
        if (message.destination().binding() == Binding.HTTP_REDIRECT) {
            PageWriter.redirect(response, HttpServletResponse.SC_FOUND, RedirectBinding.encode(
                    message.destination().location(), "SAMLRequest", message.xml(), null).toString());
        } else {
            String nonce = ids.token();
            PageWriter.html(response, HttpServletResponse.SC_OK, PostBinding.autoSubmitPage(
                    message.destination().location(), Map.of("SAMLRequest", PostBinding.encode(message.xml())),
                    nonce), nonce);
        }
        return new Outcome.ResponseSent(Outcome.Reason.CHALLENGE);
    }
}
