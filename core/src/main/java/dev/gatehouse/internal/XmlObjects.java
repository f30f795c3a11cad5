package dev.gatehouse.internal;

import javax.xml.namespace.QName;
import net.shibboleth.utilities.java.support.xml.SerializeSupport;
import org.opensaml.core.xml.XMLObject;
import org.opensaml.core.xml.XMLObjectBuilder;
import org.opensaml.core.xml.config.XMLObjectProviderRegistrySupport;
import org.opensaml.core.xml.io.Marshaller;
import org.opensaml.core.xml.io.MarshallingException;
import org.opensaml.core.xml.io.Unmarshaller;
import org.opensaml.core.xml.io.UnmarshallingException;
import org.w3c.dom.Element;

/** Small typed wrappers around OpenSAML's builder, marshaller and unmarshaller registries. */
public final class XmlObjects {

    private XmlObjects() {
    }

    /** Builds an empty OpenSAML object of the given type, using its default element name. */
    @SuppressWarnings("unchecked")
    public static <T extends XMLObject> T build(QName elementName) {
        OpenSamlBootstrap.ensureInitialized();
        XMLObjectBuilder<T> builder =
                (XMLObjectBuilder<T>) XMLObjectProviderRegistrySupport.getBuilderFactory().getBuilder(elementName);
        if (builder == null) {
            throw new IllegalStateException("No OpenSAML builder for " + elementName);
        }
        return builder.buildObject(elementName);
    }

    /** Marshalls an object into a new DOM document and returns its element. */
    public static Element marshall(XMLObject object) {
        OpenSamlBootstrap.ensureInitialized();
        Marshaller marshaller = XMLObjectProviderRegistrySupport.getMarshallerFactory().getMarshaller(object);
        try {
            return marshaller.marshall(object);
        } catch (MarshallingException e) {
            throw new IllegalStateException("Could not marshall " + object.getElementQName() + ": " + e.getMessage(), e);
        }
    }

    /** Marshalls an object (or reuses its cached DOM) and serializes it without pretty-printing. */
    public static String toXml(XMLObject object) {
        return SerializeSupport.nodeToString(object.getDOM() != null ? object.getDOM() : marshall(object));
    }

    /** Serializes a DOM element without pretty-printing. */
    public static String toXml(Element element) {
        return SerializeSupport.nodeToString(element);
    }

    /**
     * Unmarshalls a DOM element (already parsed by {@link SecureXml}) into OpenSAML objects. The objects keep a
     * reference to the element, so values can be read from exactly the nodes that were verified.
     *
     * @throws UnmarshallingException when the element does not fit the SAML object model
     */
    public static XMLObject unmarshall(Element element) throws UnmarshallingException {
        OpenSamlBootstrap.ensureInitialized();
        Unmarshaller unmarshaller = XMLObjectProviderRegistrySupport.getUnmarshallerFactory().getUnmarshaller(element);
        if (unmarshaller == null) {
            throw new UnmarshallingException("No unmarshaller for element {" + element.getNamespaceURI() + "}"
                    + element.getLocalName());
        }
        return unmarshaller.unmarshall(element);
    }
}
