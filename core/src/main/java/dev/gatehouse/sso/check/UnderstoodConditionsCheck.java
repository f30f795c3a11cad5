package dev.gatehouse.sso.check;

import dev.gatehouse.error.ErrorCode;
import dev.gatehouse.error.Problem;
import java.util.List;
import org.opensaml.saml.saml2.core.AudienceRestriction;
import org.opensaml.saml.saml2.core.Condition;
import org.opensaml.saml.saml2.core.Conditions;
import org.opensaml.saml.saml2.core.OneTimeUse;
import org.opensaml.saml.saml2.core.ProxyRestriction;

/**
 * A condition the SP does not understand makes the assertion Indeterminate, which is not Valid
 * (saml-core-2.0-os 2.5.1). Understood: AudienceRestriction, OneTimeUse (always honoured through the replay
 * cache) and ProxyRestriction (Gatehouse never proxies, so it is satisfied).
 */
public final class UnderstoodConditionsCheck implements AssertionCheck {

    @Override
    public void check(CheckContext c, List<Problem> problems) {
        Conditions conditions = c.assertion().getConditions();
        if (conditions == null) {
            return;
        }
        for (Condition condition : conditions.getConditions()) {
            if (!(condition instanceof AudienceRestriction || condition instanceof OneTimeUse
                    || condition instanceof ProxyRestriction)) {
                problems.add(Problem.of(ErrorCode.CONDITION_UNSUPPORTED, "Assertion carries an unsupported condition ["
                        + condition.getElementQName() + (condition.getSchemaType() == null ? ""
                                : " of type " + condition.getSchemaType()) + "]"));
            }
        }
        long oneTimeUses = conditions.getConditions().stream().filter(OneTimeUse.class::isInstance).count();
        long proxyRestrictions = conditions.getConditions().stream().filter(ProxyRestriction.class::isInstance).count();
        if (oneTimeUses > 1 || proxyRestrictions > 1) {
            problems.add(Problem.of(ErrorCode.CONDITION_UNSUPPORTED, "Conditions holds more than one OneTimeUse or "
                    + "ProxyRestriction, which saml-core-2.0-os 2.5.1.5/2.5.1.6 forbid"));
        }
    }
}
