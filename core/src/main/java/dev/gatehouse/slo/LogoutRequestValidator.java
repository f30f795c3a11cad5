package dev.gatehouse.slo;

import dev.gatehouse.config.MessageLimits;
import dev.gatehouse.config.ValidationPolicy;
import dev.gatehouse.error.ErrorCode;
import dev.gatehouse.error.SamlRejection;
import dev.gatehouse.internal.SecureXml;
import dev.gatehouse.sso.EncryptedParts;
import dev.gatehouse.sso.view.SamlDom;
import dev.gatehouse.state.ReplayCache;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.opensaml.saml.saml2.core.LogoutRequest;
import org.opensaml.saml.saml2.core.SessionIndex;
import org.w3c.dom.Element;

/**
 * Decides whether an IdP-initiated LogoutRequest (saml-core-2.0-os 3.7.1, saml-profiles-2.0-os 4.4) may end
 * sessions: the common {@link LogoutMessageChecks}; a signature unless {@code allowUnsignedLogoutRequests}; an
 * IssueInstant within {@code requestTimeout} and {@code clockSkew}; NotOnOrAfter not passed; a NameID (an
 * EncryptedID is decrypted with the SP's encryption keys, only in a signed request and after its signature
 * verified); and an ID never processed before. Thread-safe.
 */
public final class LogoutRequestValidator {

    private final LogoutMessageChecks checks;
    private final ReplayCache replays;
    private final Duration maxAge;
    private final EncryptedParts.Cache decryption;

    public LogoutRequestValidator(SecureXml xml, MessageLimits limits, ReplayCache replays, Duration maxAge) {
        this.checks = new LogoutMessageChecks(xml, limits);
        this.replays = replays;
        this.maxAge = maxAge;
        this.decryption = new EncryptedParts.Cache(limits);
    }

    /**
     * @throws SamlRejection listing why the request may not end anything
     */
    public VerifiedLogoutRequest validate(LogoutInput input) {
        LogoutMessageChecks.Checked<LogoutRequest> checked = checks.check(input, "LogoutRequest", LogoutRequest.class);
        ValidationPolicy policy = input.provider().config().validation();
        if (!checked.signed() && !policy.allowUnsignedLogoutRequests()) {
            throw SamlRejection.of(ErrorCode.SIGNATURE_MISSING, "The LogoutRequest is not signed",
                    "make the IdP sign logout requests, or (only on a trusted network) set allowUnsignedLogoutRequests");
        }
        LogoutRequest request = checked.message();
        Instant now = input.now();
        Duration skew = policy.clockSkew();
        Instant issued = request.getIssueInstant();
        if (issued == null || issued.isAfter(now.plus(skew)) || issued.isBefore(now.minus(maxAge).minus(skew))) {
            throw SamlRejection.of(ErrorCode.MESSAGE_TIME_INVALID, "LogoutRequest IssueInstant [" + issued + "] is not "
                    + "within [" + now.minus(maxAge).minus(skew) + ", " + now.plus(skew) + "]");
        }
        Instant notOnOrAfter = request.getNotOnOrAfter();
        if (notOnOrAfter != null && !now.minus(skew).isBefore(notOnOrAfter)) {
            throw SamlRejection.of(ErrorCode.MESSAGE_TIME_INVALID, "LogoutRequest NotOnOrAfter [" + notOnOrAfter
                    + "] has passed");
        }
        if (request.getEncryptedID() != null && !checked.signed()) {
            // an unsigned request would make the SLS a decryption service for ciphertext taken from assertions
            throw SamlRejection.of(ErrorCode.SIGNATURE_MISSING, "An unsigned LogoutRequest carries an EncryptedID",
                    "make the IdP sign logout requests");
        }
        Element nameId = decryption.forProvider(input.provider().config()).nameId(
                request.getNameID() == null ? null : request.getNameID().getDOM(),
                request.getEncryptedID() == null ? null : request.getEncryptedID().getDOM());
        if (nameId == null || SamlDom.xmlTrim(nameId.getTextContent()).isEmpty()) {
            throw SamlRejection.of(ErrorCode.NAMEID_MISSING, "The LogoutRequest has no NameID");
        }
        List<String> indexes = new ArrayList<>();
        for (SessionIndex index : request.getSessionIndexes()) {
            indexes.add(SamlDom.xmlTrim(index.getDOM().getTextContent()));
        }
        String key = "logout!" + input.provider().idp().entityId() + "!" + request.getID();
        if (request.getID() == null || !replays.firstUse(key, issued.plus(maxAge).plus(skew).plus(skew))) {
            throw SamlRejection.of(ErrorCode.MESSAGE_REPLAYED, "LogoutRequest [" + request.getID() + "] was already "
                    + "processed");
        }
        return new VerifiedLogoutRequest(request.getID(), SamlDom.xmlTrim(nameId.getTextContent()), indexes);
    }
}
