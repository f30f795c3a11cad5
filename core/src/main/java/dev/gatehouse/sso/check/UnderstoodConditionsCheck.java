package dev.gatehouse.sso.check;

import dev.gatehouse.error.ErrorCode;
import dev.gatehouse.error.Problem;
import dev.gatehouse.sso.view.AssertionView;
import dev.gatehouse.sso.view.SamlDom;
import java.util.List;
import java.util.Set;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * A condition the SP does not understand makes the assertion Indeterminate, which is not Valid
 * (saml-core-2.0-os 2.5.1). Understood: AudienceRestriction, OneTimeUse (always honoured through the replay
 * cache) and ProxyRestriction (Gatehouse never proxies, so it is satisfied); OneTimeUse and ProxyRestriction at most
 * once each (2.5.1.5, 2.5.1.6).
 *
 * <p>Walks every child of the verified Conditions element, so that no condition can go unnoticed (OpenSAML's
 * Conditions unmarshaller silently drops a child it has no class for, such as
 * {@code <Condition xsi:type="ext:Geo">}; Gatehouse does not use it).
 */
public final class UnderstoodConditionsCheck implements AssertionCheck {

    private static final Set<String> UNDERSTOOD = Set.of("AudienceRestriction", "OneTimeUse", "ProxyRestriction");

    @Override
    public void check(CheckContext c, List<Problem> problems) {
        AssertionView.Conditions conditions = c.assertion().conditions();
        if (conditions == null) {
            return;
        }
        int oneTimeUse = 0;
        int proxyRestriction = 0;
        for (Node n = conditions.element().getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() != Node.ELEMENT_NODE) {
                continue;
            }
            Element e = (Element) n;
            if (!SamlDom.SAML.equals(e.getNamespaceURI()) || !UNDERSTOOD.contains(e.getLocalName())) {
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
