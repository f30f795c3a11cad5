package dev.gatehouse.testkit;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.w3c.dom.ls.LSInput;
import org.w3c.dom.ls.LSResourceResolver;

/**
 * Validates XML against the OASIS SAML 2.0 schemas shipped in the OpenSAML jars ({@code /schema/*.xsd}), resolving
 * every import from the class path (no network).
 */
public final class SamlSchemas {

    private SamlSchemas() {
    }

    /** Validates SAML metadata (saml-schema-metadata-2.0.xsd); throws with the schema error otherwise. */
    public static void validateMetadata(String xml) {
        validate(xml, "saml-schema-metadata-2.0.xsd");
    }

    /** Validates a SAML protocol message (saml-schema-protocol-2.0.xsd). */
    public static void validateProtocol(String xml) {
        validate(xml, "saml-schema-protocol-2.0.xsd");
    }

    private static void validate(String xml, String schemaFile) {
        try {
            SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            factory.setResourceResolver(new ClasspathResolver());
            Schema schema = factory.newSchema(new StreamSource(open(schemaFile), schemaFile));
            Validator validator = schema.newValidator();
            validator.validate(new StreamSource(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))));
        } catch (Exception e) {
            throw new AssertionError("not valid against " + schemaFile + ": " + e.getMessage() + "\n" + xml, e);
        }
    }

    private static InputStream open(String file) {
        InputStream in = SamlSchemas.class.getResourceAsStream("/schema/" + file);
        if (in == null) {
            throw new IllegalStateException("schema " + file + " not on the class path");
        }
        return in;
    }

    private static final class ClasspathResolver implements LSResourceResolver {
        @Override
        public LSInput resolveResource(String type, String namespace, String publicId, String systemId,
                String baseUri) {
            if (systemId == null) {
                return null;
            }
            String file = systemId.substring(systemId.lastIndexOf('/') + 1);
            return new Input(publicId, systemId, open(file));
        }
    }

    private record Input(String publicId, String systemId, InputStream byteStream) implements LSInput {
        @Override public Reader getCharacterStream() { return null; }
        @Override public void setCharacterStream(Reader r) { }
        @Override public InputStream getByteStream() { return byteStream; }
        @Override public void setByteStream(InputStream s) { }
        @Override public String getStringData() { return null; }
        @Override public void setStringData(String s) { }
        @Override public String getSystemId() { return systemId; }
        @Override public void setSystemId(String s) { }
        @Override public String getPublicId() { return publicId; }
        @Override public void setPublicId(String s) { }
        @Override public String getBaseURI() { return null; }
        @Override public void setBaseURI(String s) { }
        @Override public String getEncoding() { return null; }
        @Override public void setEncoding(String s) { }
        @Override public boolean getCertifiedText() { return false; }
        @Override public void setCertifiedText(boolean b) { }
    }
}
