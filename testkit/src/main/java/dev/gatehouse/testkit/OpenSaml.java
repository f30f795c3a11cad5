package dev.gatehouse.testkit;

import javax.xml.namespace.QName;
import net.shibboleth.utilities.java.support.xml.SerializeSupport;
import java.util.List;
import org.opensaml.core.config.Initializer;
import org.opensaml.core.xml.XMLObject;
import org.opensaml.core.xml.config.XMLObjectProviderRegistrySupport;
import org.opensaml.core.xml.io.MarshallingException;
import org.opensaml.core.xml.io.UnmarshallingException;
import org.w3c.dom.Element;

/** OpenSAML plumbing for the testkit (deliberately independent of gatehouse-core). */
final class OpenSaml {

    private static final List<String> INITIALIZERS = List.of(
            "org.opensaml.core.xml.config.XMLObjectProviderInitializer",
            "org.opensaml.core.xml.config.GlobalParserPoolInitializer",
            "org.opensaml.saml.config.impl.XMLObjectProviderInitializer",
            "org.opensaml.saml.config.impl.SAMLConfigurationInitializer",
            "org.opensaml.xmlsec.config.GlobalAlgorithmRegistryInitializer",
            "org.opensaml.xmlsec.config.DecryptionParserPoolInitializer",
            "org.opensaml.xmlsec.config.impl.JavaCryptoValidationInitializer",
            "org.opensaml.xmlsec.config.impl.XMLObjectProviderInitializer",
            "org.opensaml.xmlsec.config.impl.ApacheXMLSecurityInitializer",
            "org.opensaml.xmlsec.config.impl.GlobalSecurityConfigurationInitializer");

    private static volatile boolean initialized;

    private OpenSaml() {
    }

    static void init() {
        if (!initialized) {
            synchronized (OpenSaml.class) {
                if (!initialized) {
                    // The same selection as gatehouse-core's OpenSamlBootstrap (no HttpClient 4 initializers).
                    for (String name : INITIALIZERS) {
                        try {
                            ((Initializer) Class.forName(name).getDeclaredConstructor().newInstance()).init();
                        } catch (Exception e) {
                            throw new IllegalStateException("OpenSAML initializer " + name + " failed", e);
                        }
                    }
                    initialized = true;
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    static <T extends XMLObject> T build(QName name) {
        init();
        return (T) XMLObjectProviderRegistrySupport.getBuilderFactory().getBuilder(name).buildObject(name);
    }

    @SuppressWarnings("unchecked")
    static <T extends XMLObject> T build(QName name, QName type) {
        init();
        return (T) XMLObjectProviderRegistrySupport.getBuilderFactory().getBuilder(type).buildObject(name, type);
    }

    static Element marshall(XMLObject object) {
        init();
        try {
            return XMLObjectProviderRegistrySupport.getMarshallerFactory().getMarshaller(object).marshall(object);
        } catch (MarshallingException e) {
            throw new IllegalStateException(e);
        }
    }

    static XMLObject unmarshall(Element element) {
        init();
        try {
            return XMLObjectProviderRegistrySupport.getUnmarshallerFactory().getUnmarshaller(element)
                    .unmarshall(element);
        } catch (UnmarshallingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String toXml(Element element) {
        return SerializeSupport.nodeToString(element);
    }
}
