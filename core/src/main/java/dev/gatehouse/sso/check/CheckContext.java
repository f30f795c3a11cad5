package dev.gatehouse.sso.check;

import dev.gatehouse.metadata.IdentityProviders.ActiveProvider;
import dev.gatehouse.sso.view.AssertionView;
import dev.gatehouse.sso.view.NameIdentifier;
import dev.gatehouse.sso.view.ResponseView;
import dev.gatehouse.state.PendingRequest;
import java.time.Duration;
import java.time.Instant;

/**
 * Everything a profile check may look at. The Response and Assertion are read from the DOM nodes that were checked
 * and verified ({@link ResponseView}, {@link AssertionView}).
 *
 * @param response the Response
 * @param assertion its one Assertion (decrypted, when it arrived encrypted)
 * @param nameId the Subject's NameID (decrypted, when it arrived as an EncryptedID), or null when there is none
 * @param provider the provider whose ACS received it
 * @param inResponseTo the request ID the message answers (Response InResponseTo, else the bearer confirmation's),
 *     or null when unsolicited
 * @param pending the pending request with that ID, or null if none is known
 * @param browserBindingHash SHA-256 of the login-state cookie this browser sent, or null
 * @param now the current time
 * @param responseSigned whether the Response element itself carried a verified signature
 */
public record CheckContext(ResponseView response, AssertionView assertion, NameIdentifier nameId,
        ActiveProvider provider, String inResponseTo, PendingRequest pending, String browserBindingHash, Instant now, boolean responseSigned) {

    /** The provider's clock skew. */
    public Duration skew() {
        return provider.config().validation().clockSkew();
    }

    /** This provider's ACS URL: the expected Destination and Recipient. */
    public String acsUrl() {
        return provider.serviceProvider().assertionConsumerServiceUrl().toString();
    }

    /** Whether {@code limit} (a NotOnOrAfter) has passed, allowing for skew. */
    public boolean hasPassed(Instant limit) {
        return !now.minus(skew()).isBefore(limit);
    }

    /** Whether {@code start} (a NotBefore) is still in the future, allowing for skew. */
    public boolean isInFuture(Instant start) {
        return now.plus(skew()).isBefore(start);
    }
}
