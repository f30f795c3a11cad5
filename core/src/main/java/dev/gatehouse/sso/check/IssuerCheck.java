package dev.gatehouse.sso.check;

import dev.gatehouse.error.ErrorCode;
import dev.gatehouse.error.Problem;
import dev.gatehouse.sso.view.NameIdentifier;
import java.util.List;

/**
 * The Assertion's Issuer must be the configured IdP entity ID, with the entity format or none; the Response's
 * Issuer, which is optional, must match too when present (saml-profiles-2.0-os 4.1.4.2).
 */
public final class IssuerCheck implements AssertionCheck {

    private static final String ENTITY_FORMAT = "urn:oasis:names:tc:SAML:2.0:nameid-format:entity";

    @Override
    public void check(CheckContext c, List<Problem> problems) {
        String expected = c.provider().idp().entityId();
        NameIdentifier assertionIssuer = c.assertion().issuer();
        String received = assertionIssuer == null ? null : assertionIssuer.value();
        if (received == null || !received.equals(expected)) {
            problems.add(Problem.mismatch(ErrorCode.ISSUER_MISMATCH, "Assertion Issuer mismatch", expected, received,
                    "check that the provider's identityProvider.entityId / metadata belongs to the IdP that sent "
                            + "this response"));
        } else if (!isEntityFormat(assertionIssuer)) {
            problems.add(Problem.mismatch(ErrorCode.ISSUER_MISMATCH, "Assertion Issuer Format", ENTITY_FORMAT,
                    assertionIssuer.format(), null));
        }
        NameIdentifier responseIssuer = c.response().issuer();
        if (responseIssuer != null && !expected.equals(responseIssuer.value())) {
            problems.add(Problem.mismatch(ErrorCode.ISSUER_MISMATCH, "Response Issuer mismatch", expected,
                    responseIssuer.value(), null));
        }
    }

    private static boolean isEntityFormat(NameIdentifier issuer) {
        return issuer.format() == null || ENTITY_FORMAT.equals(issuer.format());
    }
}
