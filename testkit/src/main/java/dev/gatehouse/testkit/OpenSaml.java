package dev.gatehouse.testkit;

import javax.xml.namespace.QName;
import net.shibboleth.utilities.java.support.xml.SerializeSupport;
import java.util.ServiceLoader;
import org.opensaml.core.config.Initializer;
import org.opensaml.core.xml.XMLObject;
import org.opensaml.core.xml.config.XMLObjectProviderRegistrySupport;
import org.opensaml.core.xml.io.MarshallingException;
import org.opensaml.core.xml.io.UnmarshallingException;
import org.w3c.dom.Element;

/** OpenSAML plumbing for the testkit (deliberately independent of gatehouse-core). */
final class OpenSaml {

    private static volatile boolean initialized;

    private OpenSaml() {
    }

    static void init() {
        if (!initialized) {
            synchronized (OpenSaml.class) {
                if (!initialized) {
                    // Every OpenSAML initializer on the class path, except those needing Apache HttpClient 4,
                    // which Gatehouse keeps out of the build (see gatehouse-core's OpenSamlBootstrap).
                    for (Initializer initializer : ServiceLoader.load(Initializer.class)) {
                        try {
                            initializer.init();
                        } catch (NoClassDefFoundError withoutHttpClient) {
                            // HttpClient-based initializers: not needed by the test IdP
                        } catch (Exception e) {
                            throw new IllegalStateException("OpenSAML initializer " + initializer + " failed", e);
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
