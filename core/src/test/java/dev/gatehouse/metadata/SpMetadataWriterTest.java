package dev.gatehouse.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.Fixtures;
import dev.gatehouse.config.AuthnRequestOptions;
import dev.gatehouse.config.GatehouseConfig;
import dev.gatehouse.config.KeyOptions;
import dev.gatehouse.config.ProviderConfig;
import dev.gatehouse.config.ValidationPolicy;
import dev.gatehouse.crypto.AlgorithmPolicy;
import dev.gatehouse.crypto.SignatureVerifier;
import dev.gatehouse.crypto.SpKeyRing;
import dev.gatehouse.crypto.TrustedKeys;
import dev.gatehouse.error.SamlRejection;
import dev.gatehouse.testkit.SamlSchemas;
import dev.gatehouse.testkit.TestCredential;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.junit.jupiter.api.Test;

class SpMetadataWriterTest {

    private final SpMetadataWriter writer = new SpMetadataWriter();

    @Test
    void writesSchemaValidMetadataWithTheAcsAndEntityId() {
        ProviderConfig provider = Fixtures.provider().build();
        GatehouseConfig config = Fixtures.config(provider);
        String xml = writer.write(config.serviceProvider(provider), provider, false);
        SamlSchemas.validateMetadata(xml);
        assertThat(xml).startsWith("<?xml").containsOnlyOnce("<?xml")
                .contains("entityID=\"" + Fixtures.SP_ENTITY_ID + "\"")
                .contains("Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST\"")
                .contains("Location=\"" + Fixtures.ACS + "\"")
                .contains("WantAssertionsSigned=\"true\"", "AuthnRequestsSigned=\"false\"")
                .contains("<md:SingleLogoutService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect\" "
                        + "Location=\"" + Fixtures.EXTERNAL_URL + "/saml/sls/test\"/>")
                .doesNotContain("KeyDescriptor", "NameIDFormat");
    }

    @Test
    void publishesTheConfiguredNameIdFormatEntityIdAndSigningWish() {
        String format = "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress";
        ProviderConfig provider = Fixtures.provider().spEntityId("urn:example:app")
                .authnRequest(new AuthnRequestOptions(false, false, format, true, java.util.List.of(), "exact", null))
                .validation(new ValidationPolicy(false, true, ValidationPolicy.DEFAULT_CLOCK_SKEW, null, false))
                .build();
        String xml = writer.write(Fixtures.config(provider).serviceProvider(provider), provider, false);
        SamlSchemas.validateMetadata(xml);
        assertThat(xml).contains("entityID=\"urn:example:app\"", "<md:NameIDFormat>" + format + "</md:NameIDFormat>",
                "WantAssertionsSigned=\"false\"");
    }

    @Test
    void publishesEveryKeyDuringARolloverWithTheEncryptionMethods() {
        ProviderConfig provider = Fixtures.provider().keys(new SpKeyRing(List.of(
                Fixtures.spKey("current", TestCredential.spCurrent(), true),
                Fixtures.spKey("next", TestCredential.spNext(), false)))).build();
        String xml = writer.write(Fixtures.config(provider).serviceProvider(provider), provider, true);
        SamlSchemas.validateMetadata(xml);
        assertThat(xml).contains("AuthnRequestsSigned=\"true\"")
                .contains(TestCredential.spCurrent().certificateBase64())
                .contains(TestCredential.spNext().certificateBase64())
                .contains("http://www.w3.org/2009/xmlenc11#aes256-gcm", "http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p")
                .doesNotContain("rsa-1_5", "tripledes");
        assertThat(count(xml, "<md:KeyDescriptor use=\"signing\">")).isEqualTo(2);
        assertThat(count(xml, "<md:KeyDescriptor use=\"encryption\">")).isEqualTo(2);
        assertThat(xml.indexOf(TestCredential.spCurrent().certificateBase64()))
                .as("the active key first").isLessThan(xml.indexOf(TestCredential.spNext().certificateBase64()));
    }

    @Test
    void signsTheMetadataWithTheActiveKeyWhenAsked() throws Exception {
        ProviderConfig provider = Fixtures.provider().keys(Fixtures.currentSpKey())
                .keyOptions(new KeyOptions(true, true, false, false, 2048)).build();
        String xml = writer.write(Fixtures.config(provider).serviceProvider(provider), provider, true);
        SamlSchemas.validateMetadata(xml);
        TrustedKeys spKey = new TrustedKeys(Fixtures.SP_ENTITY_ID, List.of(TestCredential.spCurrent().certificate()));
        Element root = parse(xml);
        Element signature = (Element) root.getElementsByTagNameNS("http://www.w3.org/2000/09/xmldsig#", "Signature")
                .item(0);
        assertThat(signature.getParentNode()).isSameAs(root);
        new SignatureVerifier().verify(root, signature, spKey, AlgorithmPolicy.secureDefaults());
        assertThat(writer.write(Fixtures.config(provider).serviceProvider(provider), provider, true))
                .as("the same document on every request (stable ID)").isEqualTo(xml);

        Element tampered = parse(xml.replace(Fixtures.ACS, "https://evil.example/acs"));
        Element tamperedSignature = (Element) tampered.getElementsByTagNameNS("http://www.w3.org/2000/09/xmldsig#",
                "Signature").item(0);
        assertThatThrownBy(() -> new SignatureVerifier().verify(tampered, tamperedSignature, spKey,
                AlgorithmPolicy.secureDefaults())).isInstanceOf(SamlRejection.class);
    }

    private static int count(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }

    private static Element parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))
                .getDocumentElement();
    }
}
