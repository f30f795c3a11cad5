package dev.gatehouse.slo;

import dev.gatehouse.config.MessageLimits;
import dev.gatehouse.error.ErrorCode;
import dev.gatehouse.error.SamlRejection;
import dev.gatehouse.internal.SecureXml;
import dev.gatehouse.state.PendingRequest;
import dev.gatehouse.state.RequestStateStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.opensaml.saml.saml2.core.LogoutResponse;
import org.opensaml.saml.saml2.core.StatusCode;

/**
 * Checks the IdP's answer to an SP-initiated LogoutRequest: the common {@link LogoutMessageChecks} (a signature is
 * verified when present; an unsigned answer is accepted, because the local session already ended before the
 * request was sent and the answer can only choose between two local pages), InResponseTo naming a logout this
 * browser started, once. Thread-safe.
 */
public final class LogoutResponseValidator {

    /**
     * The outcome.
     *
     * @param pending the logout request it answers
     * @param success whether the IdP ended its session too
     * @param status the IdP's status code(s), for the log
     */
    public record Result(PendingRequest pending, boolean success, String status) {
    }

    private final LogoutMessageChecks checks;
    private final RequestStateStore requests;

    public LogoutResponseValidator(SecureXml xml, MessageLimits limits, RequestStateStore requests) {
        this.checks = new LogoutMessageChecks(xml, limits);
        this.requests = requests;
    }

    /**
     * @param browserBindingHash SHA-256 of this browser's login-state cookie, or null
     * @throws SamlRejection when the answer is not for a logout this browser started
     */
    public Result validate(LogoutInput input, String browserBindingHash) {
        LogoutResponse response = checks.check(input, "LogoutResponse", LogoutResponse.class).message();
        String inResponseTo = response.getInResponseTo();
        PendingRequest pending = inResponseTo == null ? null : requests.find(inResponseTo).orElse(null);
        if (pending == null || pending.kind() != PendingRequest.Kind.LOGOUT
                || !pending.providerId().equals(input.provider().config().id())) {
            throw SamlRejection.of(ErrorCode.IN_RESPONSE_TO_UNKNOWN, "LogoutResponse InResponseTo [" + inResponseTo
                    + "] matches no pending LogoutRequest of provider [" + input.provider().config().id() + "]");
        }
        if (browserBindingHash == null) {
            throw SamlRejection.of(ErrorCode.LOGIN_STATE_COOKIE_MISSING, "The browser sent no login-state cookie with "
                    + "the LogoutResponse");
        }
        if (!MessageDigest.isEqual(browserBindingHash.getBytes(StandardCharsets.US_ASCII),
                pending.browserBindingHash().getBytes(StandardCharsets.US_ASCII))) {
            throw SamlRejection.of(ErrorCode.LOGIN_STATE_BROWSER_MISMATCH, "LogoutRequest [" + inResponseTo + "] was "
                    + "sent for another browser");
        }
        if (!requests.remove(inResponseTo)) {
            throw SamlRejection.of(ErrorCode.IN_RESPONSE_TO_UNKNOWN, "LogoutRequest [" + inResponseTo + "] was already "
                    + "answered");
        }
        StatusCode code = response.getStatus() == null ? null : response.getStatus().getStatusCode();
        String status = code == null ? "none" : code.getValue()
                + (code.getStatusCode() == null ? "" : " / " + code.getStatusCode().getValue());
        return new Result(pending, code != null && StatusCode.SUCCESS.equals(code.getValue())
                && code.getStatusCode() == null, status);
    }
}
