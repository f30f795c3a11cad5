package dev.gatehouse.sso.check;

import dev.gatehouse.error.ErrorCode;
import dev.gatehouse.error.Problem;
import dev.gatehouse.error.SamlRejection;
import java.util.List;
import org.opensaml.saml.saml2.core.Response;
import org.opensaml.saml.saml2.core.Status;
import org.opensaml.saml.saml2.core.StatusCode;

/**
 * The top-level StatusCode must be Success (saml-core-2.0-os 3.2.2.2). Applied before signature verification,
 * because IdPs send error responses unsigned; a non-success response is refused either way. The IdP's status code
 * and message are passed on to the user's error page (escaped, truncated) only when the Response carries a valid
 * IdP signature; otherwise the page shows no text from the message.
 */
public final class StatusCheck {

    private static final int MAX_SHOWN = 300;

    /** Whether the top-level status is Success. */
    public static boolean isSuccess(Response response) {
        Status status = response.getStatus();
        return status != null && status.getStatusCode() != null
                && StatusCode.SUCCESS.equals(status.getStatusCode().getValue());
    }

    /**
     * @param signedByIdp whether the Response's signature verified with the IdP's keys
     * @throws SamlRejection {@link ErrorCode#STATUS_NOT_SUCCESS} or {@link ErrorCode#SAML_MESSAGE_MALFORMED}
     */
    public void check(Response response, boolean signedByIdp) {
        Status status = response.getStatus();
        StatusCode code = status == null ? null : status.getStatusCode();
        if (code == null || code.getValue() == null) {
            throw SamlRejection.of(ErrorCode.SAML_MESSAGE_MALFORMED, "The Response has no Status/StatusCode");
        }
        if (StatusCode.SUCCESS.equals(code.getValue())) {
            return;
        }
        StringBuilder codes = new StringBuilder(code.getValue());
        for (StatusCode nested = code.getStatusCode(); nested != null; nested = nested.getStatusCode()) {
            codes.append(" / ").append(nested.getValue());
        }
        String message = status.getStatusMessage() == null ? null : status.getStatusMessage().getValue();
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
