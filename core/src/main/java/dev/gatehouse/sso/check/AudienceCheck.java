package dev.gatehouse.sso.check;

import dev.gatehouse.error.ErrorCode;
import dev.gatehouse.error.Problem;
import dev.gatehouse.sso.view.AssertionView;
import java.util.List;

/**
 * The assertion must carry at least one AudienceRestriction, and every AudienceRestriction must name this SP's
 * entity ID (saml-core-2.0-os 2.5.1.4: the restrictions are ANDed, the audiences inside one are ORed;
 * saml-profiles-2.0-os 4.1.4.2 requires the restriction).
 */
public final class AudienceCheck implements AssertionCheck {

    @Override
    public void check(CheckContext c, List<Problem> problems) {
        String expected = c.provider().serviceProvider().entityId();
        AssertionView.Conditions conditions = c.assertion().conditions();
        List<List<String>> restrictions = conditions == null ? List.of() : conditions.audienceRestrictions();
        if (restrictions.isEmpty()) {
            problems.add(Problem.mismatch(ErrorCode.AUDIENCE_MISMATCH, "Assertion has no AudienceRestriction",
                    expected, null, "configure the IdP's Audience (SP Entity ID) as [" + expected + "]"));
            return;
        }
        for (List<String> audiences : restrictions) {
            if (!audiences.contains(expected)) {
                problems.add(Problem.mismatch(ErrorCode.AUDIENCE_MISMATCH, "Audience mismatch", expected,
                        String.join(", ", audiences),
                        "set the Audience / SP Entity ID at the IdP to [" + expected + "], or set spEntityId to "
                                + "what the IdP sends"));
                return;
            }
        }
    }
}
