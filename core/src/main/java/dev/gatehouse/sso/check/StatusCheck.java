package dev.gatehouse.sso.check;

import dev.gatehouse.error.ErrorCode;
import dev.gatehouse.error.Problem;
import dev.gatehouse.error.SamlRejection;
import dev.gatehouse.sso.view.ResponseView;
import java.util.List;

/**
 * The top-level StatusCode must be Success (saml-core-2.0-os 3.2.2.2). Applied before signature verification,
 * because IdPs send error responses unsigned; a non-success response is refused either way. The IdP's status code
 * and message are passed on to the user's error page (escaped, truncated) only when the Response carries a valid
 * IdP signature; otherwise the page shows no text from the message.
 */
public final class StatusCheck {

    private static final int MAX_SHOWN = 300;

    /**
     * @param status the Response's Status, or null when it has none
     * @param signedByIdp whether the Response's signature verified with the IdP's keys
     * @throws SamlRejection {@link ErrorCode#STATUS_NOT_SUCCESS} or {@link ErrorCode#SAML_MESSAGE_MALFORMED}
     */
    public void check(ResponseView.Status status, boolean signedByIdp) {
        if (status == null || status.code() == null) {
            throw SamlRejection.of(ErrorCode.SAML_MESSAGE_MALFORMED, "The Response has no Status/StatusCode");
        }
        if (status.isSuccess()) {
            return;
        }
        StringBuilder codes = new StringBuilder(status.code());
        for (String nested : status.nestedCodes()) {
            codes.append(" / ").append(nested);
        }
        String message = status.message();
        String shown = codes + (message == null || message.isBlank() ? "" : ": " + message.strip());
        if (shown.length() > MAX_SHOWN) {
            shown = shown.substring(0, MAX_SHOWN) + "...";
        }
        throw new SamlRejection(List.of(new Problem(ErrorCode.STATUS_NOT_SUCCESS, "The IdP answered with status ["
                + codes + "] and message [" + message + "]", "see the IdP's logs for why it refused the sign-in "
                + "(user not assigned to the application, MFA failed, NameID format not supported ...)",
                signedByIdp ? shown : "")));
    }
}
