package dev.gatehouse.internal;

import java.util.List;
import org.opensaml.core.config.InitializationException;
import org.opensaml.core.config.Initializer;

/**
 * Initialises OpenSAML's object provider registry and Santuario once per class loader.
 *
 * <p>OpenSAML keeps its builders, marshallers and unmarshallers in a process-wide registry; this is the one place
 * that touches that global, and it only ever adds the same read-only content, so calling it from several webapps or
 * engines is safe.
 *
 * <p>Runs an explicit list of OpenSAML's initializers instead of {@code InitializationService.initialize()}, which
 * would also run the Apache HttpClient 4 and TLS-client initializers and so drag HttpClient 4 into every WAR; those
 * serve OpenSAML's HTTP metadata resolvers and SOAP clients, which Gatehouse does not use.
 */
public final class OpenSamlBootstrap {

    /** The OpenSAML initializers Gatehouse needs: XML object providers, SAML and xmlsec configuration. */
    public static final List<String> INITIALIZERS = List.of(
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

    private OpenSamlBootstrap() {
    }

    /** Makes sure OpenSAML and Santuario are ready; cheap after the first call. */
    public static void ensureInitialized() {
        if (initialized) {
            return;
        }
        synchronized (OpenSamlBootstrap.class) {
            if (initialized) {
                return;
            }
            for (String name : INITIALIZERS) {
                try {
                    Initializer initializer = (Initializer) Class.forName(name, true,
                            OpenSamlBootstrap.class.getClassLoader()).getDeclaredConstructor().newInstance();
                    initializer.init();
                } catch (InitializationException | ReflectiveOperationException e) {
                    throw new IllegalStateException("OpenSAML initializer [" + name + "] failed: " + e.getMessage(), e);
                }
            }
            org.apache.xml.security.Init.init();
            initialized = true;
        }
    }
}
