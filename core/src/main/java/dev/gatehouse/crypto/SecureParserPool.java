package dev.gatehouse.crypto;

import dev.gatehouse.error.SamlRejection;
import dev.gatehouse.internal.SecureXml;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import javax.xml.parsers.DocumentBuilder;
import net.shibboleth.utilities.java.support.xml.ParserPool;
import net.shibboleth.utilities.java.support.xml.XMLParserException;
import org.w3c.dom.Document;

/**
 * OpenSAML's {@link ParserPool} view of {@link SecureXml}, so that decrypted XML is parsed exactly like a message:
 * no DOCTYPE, the {@code maxXmlDepth} limit (without it a deeply nested plaintext overflows the stack when OpenSAML
 * imports it), comments and processing instructions kept so that the structure checks can refuse them, and at most
 * {@code maxBytes} of plaintext. Only the two calls the decrypter makes are supported. Thread-safe.
 */
final class SecureParserPool implements ParserPool {

    private final SecureXml xml;
    private final int maxBytes;

    SecureParserPool(SecureXml xml, int maxBytes) {
        this.xml = xml;
        this.maxBytes = maxBytes;
    }

    @Override
    public Document parse(InputStream input) throws XMLParserException {
        try {
            byte[] bytes = input.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw new XMLParserException("the decrypted content is larger than " + maxBytes + " bytes");
            }
            return xml.parse(bytes);
        } catch (IOException | SamlRejection e) {
            throw new XMLParserException("the decrypted content is refused: " + e.getMessage(), e);
        }
    }

    @Override
    public Document newDocument() {
        return xml.newDocument();
    }

    @Override
    public Document parse(Reader input) throws XMLParserException {
        throw new XMLParserException("decrypted content is parsed from bytes only");
    }

    @Override
    public DocumentBuilder getBuilder() throws XMLParserException {
        throw new XMLParserException("the decrypter parses through parse(InputStream) only");
    }

    @Override
    public void returnBuilder(DocumentBuilder builder) {
        // no builders are handed out
    }
}
