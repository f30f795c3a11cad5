package dev.gatehouse.sso.view;

import dev.gatehouse.error.ErrorCode;
import dev.gatehouse.error.SamlRejection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Strict readers for the SAML elements Gatehouse consumes, straight from the DOM that was checked and verified.
 *
 * <p>They replace OpenSAML's unmarshallers on the login path (which cost a quarter of a validation) and are
 * stricter where the unmarshallers were lenient: an element the schema allows once is refused when it appears
 * twice (an unmarshaller keeps the last one and hides the ambiguity); a date that is not an {@code xs:dateTime}
 * with a time zone, or is empty, is refused rather than taken as absent or read in the server's zone; an element of
 * simple content (Issuer, NameID, Audience, AuthnContextClassRef, StatusMessage) that holds a child element is
 * refused (an unmarshaller would keep only the text after the last child); text is trimmed of XML white space
 * only. Every refusal is {@link ErrorCode#SAML_MESSAGE_MALFORMED} and names the element.
 */
public final class SamlDom {

    /** The SAML 2.0 assertion namespace. */
    public static final String SAML = "urn:oasis:names:tc:SAML:2.0:assertion";
    /** The SAML 2.0 protocol namespace. */
    public static final String SAMLP = "urn:oasis:names:tc:SAML:2.0:protocol";

    private SamlDom() {
    }

    /** The child elements of {@code parent} with this name, in document order. */
    public static List<Element> children(Element parent, String namespace, String localName) {
        List<Element> found = new ArrayList<>(2);
        for (Node c = parent.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (is(c, namespace, localName)) {
                found.add((Element) c);
            }
        }
        return found;
    }

    /**
     * The one child element with this name, or null when there is none.
     *
     * @throws SamlRejection when there are several
     */
    public static Element optionalChild(Element parent, String namespace, String localName) {
        Element found = null;
        for (Node c = parent.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (is(c, namespace, localName)) {
                if (found != null) {
                    throw malformed("The " + parent.getLocalName() + " holds more than one " + localName
                            + "; at most one is allowed");
                }
                found = (Element) c;
            }
        }
        return found;
    }

    /**
     * Refuses any child element of {@code parent} other than the named SAML assertion elements, for elements whose
     * every child Gatehouse reads (AttributeStatement, Attribute): content it would skip must not exist.
     */
    public static void requireOnlySamlChildren(Element parent, Set<String> allowed) {
        for (Node c = parent.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c.getNodeType() == Node.ELEMENT_NODE
                    && (!SAML.equals(c.getNamespaceURI()) || !allowed.contains(c.getLocalName()))) {
                throw malformed("The " + parent.getLocalName() + " holds an unexpected element [{"
                        + c.getNamespaceURI() + "}" + c.getLocalName() + "]");
            }
        }
    }

    /** The value of an unqualified attribute, or null when it is absent (an empty value is returned as is). */
    public static String attribute(Element element, String name) {
        Attr attr = element.getAttributeNodeNS(null, name);
        return attr == null ? null : attr.getValue();
    }

    /**
     * A SAML time attribute ({@code xs:dateTime} in UTC or with an offset; see {@link XsDateTime}), or null when it is
     * absent.
     *
     * @throws SamlRejection when present but empty, without a time zone, or otherwise not of that form
     */
    public static Instant instant(Element element, String name) {
        String value = attribute(element, name);
        if (value == null) {
            return null;
        }
        try {
            return XsDateTime.parse(value);
        } catch (RuntimeException e) {
            throw malformed("The " + element.getLocalName() + " " + name + " [" + value + "] is not an xs:dateTime "
                    + "with a time zone (YYYY-MM-DDThh:mm:ss[.fraction] and Z or +hh:mm)");
        }
    }

    /**
     * The text of an element of simple content, with leading and trailing XML white space removed; empty when there
     * is none.
     *
     * @throws SamlRejection when the element holds a child element
     */
    public static String text(Element element) {
        for (Node c = element.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c.getNodeType() == Node.ELEMENT_NODE) {
                throw malformed("The " + element.getLocalName() + " holds an element [" + c.getLocalName()
                        + "] where only text is allowed");
            }
        }
        return xmlTrim(element.getTextContent());
    }

    /**
     * {@code value} without leading and trailing XML white space (space, tab, CR, LF: the xs:token white space of
     * XML Schema), and nothing else. Not {@link String#strip()}: that also removes Unicode spaces such as U+3000, so
     * an SP entity ID {@code "https://sp.example.com\u3000"} that another SP registered at a shared IdP would pass
     * as this SP's audience, and a NameID {@code "admin\u3000"} would become {@code "admin"}.
     */
    public static String xmlTrim(String value) {
        int start = 0;
        int end = value.length();
        while (start < end && isXmlWhiteSpace(value.charAt(start))) {
            start++;
        }
        while (end > start && isXmlWhiteSpace(value.charAt(end - 1))) {
            end--;
        }
        return value.substring(start, end);
    }

    private static boolean isXmlWhiteSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    /** The text of an optional element of simple content, or null when the element is absent. */
    public static String optionalText(Element parent, String namespace, String localName) {
        Element child = optionalChild(parent, namespace, localName);
        return child == null ? null : text(child);
    }

    static SamlRejection malformed(String detail) {
        return SamlRejection.of(ErrorCode.SAML_MESSAGE_MALFORMED, detail);
    }

    private static boolean is(Node node, String namespace, String localName) {
        return node.getNodeType() == Node.ELEMENT_NODE && localName.equals(node.getLocalName())
                && namespace.equals(node.getNamespaceURI());
    }
}
