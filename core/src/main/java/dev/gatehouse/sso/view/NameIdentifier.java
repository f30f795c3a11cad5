package dev.gatehouse.sso.view;

import org.w3c.dom.Element;

/**
 * A {@code saml:NameIDType} element as received: an Issuer or a NameID. Immutable.
 *
 * @param value the element's text, trimmed (empty when it has none)
 * @param format the Format attribute, or null
 * @param nameQualifier the NameQualifier attribute, or null
 * @param spNameQualifier the SPNameQualifier attribute, or null
 */
public record NameIdentifier(String value, String format, String nameQualifier, String spNameQualifier) {

    /** Reads an Issuer or NameID element (refused as malformed when it holds a child element). */
    public static NameIdentifier read(Element element) {
        return new NameIdentifier(SamlDom.text(element), SamlDom.attribute(element, "Format"),
                SamlDom.attribute(element, "NameQualifier"), SamlDom.attribute(element, "SPNameQualifier"));
    }

    /** Reads an optional Issuer child of {@code parent}; null when there is none. */
    static NameIdentifier issuerOf(Element parent) {
        Element issuer = SamlDom.optionalChild(parent, SamlDom.SAML, "Issuer");
        return issuer == null ? null : read(issuer);
    }
}
