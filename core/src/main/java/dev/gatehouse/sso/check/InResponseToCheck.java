package dev.gatehouse.sso.check;

import dev.gatehouse.error.ErrorCode;
import dev.gatehouse.error.Problem;
import dev.gatehouse.state.PendingRequest;
import java.util.List;

/**
 * Binds the Response to a request: a solicited Response must answer an AuthnRequest this SP sent to this provider
 * and that is still pending, from this very browser (the login-state cookie's hash matches); an unsolicited one is
 * accepted only with {@code allowIdpInitiated} (saml-profiles-2.0-os 4.1.4.3, 4.1.5).
 */
public final class InResponseToCheck implements AssertionCheck {

    @Override
    public void check(CheckContext c, List<Problem> problems) {
        String inResponseTo = c.inResponseTo();
        String responseValue = c.response().inResponseTo();
        if (responseValue != null && !responseValue.equals(inResponseTo)) {
            problems.add(Problem.mismatch(ErrorCode.IN_RESPONSE_TO_MISMATCH, "Response InResponseTo", inResponseTo,
                    responseValue, null));
        }
        if (inResponseTo == null) {
            if (!c.provider().config().validation().allowIdpInitiated()) {
                problems.add(new Problem(ErrorCode.UNSOLICITED_RESPONSE_REFUSED, "Unsolicited Response (no "
                        + "InResponseTo) for provider [" + c.provider().config().id() + "]",
                        "start the login at this application, or set allowIdpInitiated to true"));
            }
            return;
        }
        PendingRequest pending = c.pending();
        if (pending == null || pending.kind() != PendingRequest.Kind.AUTHN
                || !pending.providerId().equals(c.provider().config().id())) {
            problems.add(new Problem(ErrorCode.IN_RESPONSE_TO_UNKNOWN, "InResponseTo [" + inResponseTo + "] matches "
                    + "no pending AuthnRequest of provider [" + c.provider().config().id() + "]"
                    + (pending == null ? "" : " (it was sent to provider [" + pending.providerId() + "])"),
                    "sign in again; if it keeps failing on a cluster, keep each browser on one node (sticky "
                            + "sessions) or use a shared store"));
            return;
        }
        if (c.browserBindingHash() == null) {
            problems.add(Problem.of(ErrorCode.LOGIN_STATE_COOKIE_MISSING, "The browser sent no login-state cookie for "
                    + "AuthnRequest [" + inResponseTo + "]"));
        } else if (!java.security.MessageDigest.isEqual(c.browserBindingHash().getBytes(
                java.nio.charset.StandardCharsets.US_ASCII), pending.browserBindingHash().getBytes(
                java.nio.charset.StandardCharsets.US_ASCII))) {
            problems.add(Problem.of(ErrorCode.LOGIN_STATE_BROWSER_MISMATCH, "AuthnRequest [" + inResponseTo + "] was "
                    + "started by another browser (login-state cookie differs)"));
        }
    }
}
