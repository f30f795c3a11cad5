package dev.gatehouse.sso.check;

import dev.gatehouse.error.ErrorCode;
import dev.gatehouse.error.Problem;
import java.util.List;
import org.opensaml.saml.saml2.core.Issuer;
import org.opensaml.saml.saml2.core.NameIDType;

/**
 * The Assertion's Issuer must be the configured IdP entity ID, with the entity format or none; the Response's
 * Issuer, which is optional, must match too when present (saml-profiles-2.0-os 4.1.4.2).
 */
public final class IssuerCheck implements AssertionCheck {

    @Override
    public void check(CheckContext c, List<Problem> problems) {
        String expected = c.provider().idp().entityId();
        Issuer assertionIssuer = c.assertion().getIssuer();
        String received = assertionIssuer == null ? null : assertionIssuer.getValue();
        if (received == null || !received.equals(expected)) {
            problems.add(Problem.mismatch(ErrorCode.ISSUER_MISMATCH, "Assertion Issuer mismatch", expected, received,
                    "check that the provider's identityProvider.entityId / metadata belongs to the IdP that sent "
                            + "this response"));
        } else if (!isEntityFormat(assertionIssuer)) {
            problems.add(Problem.mismatch(ErrorCode.ISSUER_MISMATCH, "Assertion Issuer Format", NameIDType.ENTITY,
                    assertionIssuer.getFormat(), null));
        }
        Issuer responseIssuer = c.response().getIssuer();
        if (responseIssuer != null && !expected.equals(responseIssuer.getValue())) {
            problems.add(Problem.mismatch(ErrorCode.ISSUER_MISMATCH, "Response Issuer mismatch", expected,
                    responseIssuer.getValue(), null));
        }
    }

    private static boolean isEntityFormat(Issuer issuer) {
        return issuer.getFormat() == null || NameIDType.ENTITY.equals(issuer.getFormat());
    }
}
