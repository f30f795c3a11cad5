package dev.gatehouse.sso.check;

import dev.gatehouse.error.ErrorCode;
import dev.gatehouse.error.Problem;
import java.util.List;
import org.opensaml.saml.saml2.core.Audience;
import org.opensaml.saml.saml2.core.AudienceRestriction;
import org.opensaml.saml.saml2.core.Conditions;

/**
 * The assertion must carry at least one AudienceRestriction, and every AudienceRestriction must name this SP's
 * entity ID (saml-core-2.0-os 2.5.1.4: the restrictions are ANDed, the audiences inside one are ORed;
 * saml-profiles-2.0-os 4.1.4.2 requires the restriction).
 */
public final class AudienceCheck implements AssertionCheck {

    @Override
    public void check(CheckContext c, List<Problem> problems) {
        String expected = c.provider().serviceProvider().entityId();
        Conditions conditions = c.assertion().getConditions();
        List<AudienceRestriction> restrictions = conditions == null ? List.of() : conditions.getAudienceRestrictions();
        if (restrictions.isEmpty()) {
            problems.add(Problem.mismatch(ErrorCode.AUDIENCE_MISMATCH, "Assertion has no AudienceRestriction",
                    expected, null, "configure the IdP's Audience (SP Entity ID) as [" + expected + "]"));
            return;
        }
        for (AudienceRestriction restriction : restrictions) {
            List<String> audiences = restriction.getAudiences().stream().map(Audience::getURI).toList();
            if (!audiences.contains(expected)) {
                problems.add(Problem.mismatch(ErrorCode.AUDIENCE_MISMATCH, "Audience mismatch", expected,
                        String.join(", ", audiences.stream().map(String::valueOf).toList()),
                        "set the Audience / SP Entity ID at the IdP to [" + expected + "], or set spEntityId to "
                                + "what the IdP sends"));
                return;
            }
        }
    }
}
