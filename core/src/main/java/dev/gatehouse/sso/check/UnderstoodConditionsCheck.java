package dev.gatehouse.sso.check;

import dev.gatehouse.error.ErrorCode;
import dev.gatehouse.error.Problem;
import java.util.List;
import java.util.Set;
import org.opensaml.saml.common.xml.SAMLConstants;
import org.opensaml.saml.saml2.core.Conditions;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * A condition the SP does not understand makes the assertion Indeterminate, which is not Valid
 * (saml-core-2.0-os 2.5.1). Understood: AudienceRestriction, OneTimeUse (always honoured through the replay
 * cache) and ProxyRestriction (Gatehouse never proxies, so it is satisfied); OneTimeUse and ProxyRestriction at most
 * once each (2.5.1.5, 2.5.1.6).
 *
 * <p>Reads the verified DOM, not OpenSAML's objects: OpenSAML's Conditions unmarshaller silently drops a child it
 * has no class for (such as {@code <Condition xsi:type="ext:Geo">}), which would turn an unknown condition into no
 * condition.
 */
public final class UnderstoodConditionsCheck implements AssertionCheck {

    private static final Set<String> UNDERSTOOD = Set.of("AudienceRestriction", "OneTimeUse", "ProxyRestriction");

    @Override
    public void check(CheckContext c, List<Problem> problems) {
        Conditions conditions = c.assertion().getConditions();
        if (conditions == null || conditions.getDOM() == null) {
            return;
        }
        int oneTimeUse = 0;
        int proxyRestriction = 0;
        for (Node n = conditions.getDOM().getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() != Node.ELEMENT_NODE) {
                continue;
            }
            Element e = (Element) n;
            if (!SAMLConstants.SAML20_NS.equals(e.getNamespaceURI()) || !UNDERSTOOD.contains(e.getLocalName())) {
                String type = e.getAttributeNS("http://www.w3.org/2001/XMLSchema-instance", "type");
                problems.add(Problem.of(ErrorCode.CONDITION_UNSUPPORTED, "Assertion carries an unsupported condition [{"
                        + e.getNamespaceURI() + "}" + e.getLocalName() + (type.isEmpty() ? "" : " of type " + type)
                        + "]"));
            } else if (e.getLocalName().equals("OneTimeUse")) {
                oneTimeUse++;
            } else if (e.getLocalName().equals("ProxyRestriction")) {
                proxyRestriction++;
            }
        }
        if (oneTimeUse > 1 || proxyRestriction > 1) {
            problems.add(Problem.of(ErrorCode.CONDITION_UNSUPPORTED, "Conditions holds more than one OneTimeUse or "
                    + "ProxyRestriction"));
        }
    }
}
