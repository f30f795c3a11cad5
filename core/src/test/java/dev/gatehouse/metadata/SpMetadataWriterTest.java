package dev.gatehouse.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.Fixtures;
import dev.gatehouse.config.AuthnRequestOptions;
import dev.gatehouse.config.GatehouseConfig;
import dev.gatehouse.config.ProviderConfig;
import dev.gatehouse.config.ValidationPolicy;
import dev.gatehouse.testkit.SamlSchemas;
import org.junit.jupiter.api.Test;

class SpMetadataWriterTest {

    private final SpMetadataWriter writer = new SpMetadataWriter();

    @Test
    void writesSchemaValidMetadataWithTheAcsAndEntityId() {
        ProviderConfig provider = Fixtures.provider().build();
        GatehouseConfig config = Fixtures.config(provider);
        String xml = writer.write(config.serviceProvider(provider), provider);
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
        String xml = writer.write(Fixtures.config(provider).serviceProvider(provider), provider);
        SamlSchemas.validateMetadata(xml);
        assertThat(xml).contains("entityID=\"urn:example:app\"", "<md:NameIDFormat>" + format + "</md:NameIDFormat>",
                "WantAssertionsSigned=\"false\"");
    }
}
