package dev.gatehouse.sso;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.Fixtures;
import dev.gatehouse.binding.Binding;
import dev.gatehouse.binding.RedirectBinding;
import dev.gatehouse.config.AuthnRequestOptions;
import dev.gatehouse.config.ProviderConfig;
import dev.gatehouse.internal.RandomIds;
import dev.gatehouse.metadata.Endpoint;
import dev.gatehouse.metadata.IdentityProviders.ActiveProvider;
import dev.gatehouse.metadata.IdpMetadata;
import dev.gatehouse.testkit.SamlSchemas;
import dev.gatehouse.testkit.TestCredential;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;

class AuthnRequestFactoryTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private final AuthnRequestFactory factory = new AuthnRequestFactory(new RandomIds());

    @Test
    void buildsASchemaValidRequestForTheIdpRedirectEndpoint() {
        AuthnRequestMessage message = factory.create(Fixtures.active(Fixtures.provider().build()), NOW);
        SamlSchemas.validateProtocol(message.xml());
        assertThat(message.id()).matches("_[0-9a-f]{32}");
        assertThat(message.destination()).isEqualTo(new Endpoint(Binding.HTTP_REDIRECT, Fixtures.IDP_SSO));
        assertThat(message.xml()).contains("ID=\"" + message.id() + "\"", "Version=\"2.0\"",
                "IssueInstant=\"2026-11-25T10:00:00.000Z\"", "Destination=\"" + Fixtures.IDP_SSO + "\"",
                "AssertionConsumerServiceURL=\"" + Fixtures.ACS + "\"",
                "ProtocolBinding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST\"",
                ">" + Fixtures.SP_ENTITY_ID + "</saml2:Issuer>", "AllowCreate=\"true\"")
                .doesNotContain("ForceAuthn", "IsPassive", "RequestedAuthnContext");
    }

    @Test
    void everyRequestGetsAFreshId() {
        ActiveProvider provider = Fixtures.active(Fixtures.provider().build());
        assertThat(factory.create(provider, NOW).id()).isNotEqualTo(factory.create(provider, NOW).id());
    }

    @Test
    void carriesTheConfiguredOptions() {
        ProviderConfig provider = Fixtures.provider().authnRequest(new AuthnRequestOptions(true, true,
                "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent", false,
                List.of("urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport"), "minimum", null)).build();
        AuthnRequestMessage message = factory.create(Fixtures.active(provider), NOW);
        SamlSchemas.validateProtocol(message.xml());
        assertThat(message.xml()).contains("ForceAuthn=\"true\"", "IsPassive=\"true\"",
                "Format=\"urn:oasis:names:tc:SAML:2.0:nameid-format:persistent\"", "AllowCreate=\"false\"",
                "Comparison=\"minimum\"", "PasswordProtectedTransport</saml2:AuthnContextClassRef>");
    }

    @Test
    void usesPostWhenTheIdpOffersOnlyPost() {
        ProviderConfig config = Fixtures.provider().build();
        ActiveProvider base = Fixtures.active(config);
        IdpMetadata postOnly = new IdpMetadata(Fixtures.IDP_ENTITY_ID, List.of(new Endpoint(Binding.HTTP_POST,
                URI.create("https://idp.test/post"))), List.of(), List.of(TestCredential.idpSigning().certificate()),
                false, null);
        AuthnRequestMessage message = factory.create(new ActiveProvider(config, base.serviceProvider(), postOnly), NOW);
        assertThat(message.destination().binding()).isEqualTo(Binding.HTTP_POST);
        assertThat(message.xml()).contains("Destination=\"https://idp.test/post\"");
    }

    @Test
    void redirectBindingDeflatesAndKeepsAnExistingQuery() throws Exception {
        String xml = factory.create(Fixtures.active(Fixtures.provider().build()), NOW).xml();
        URI url = RedirectBinding.encode(URI.create("https://accounts.example/o/saml2/idp?idpid=C0abc"), "SAMLRequest",
                xml, "state 1");
        assertThat(url.toString()).startsWith("https://accounts.example/o/saml2/idp?idpid=C0abc&SAMLRequest=")
                .endsWith("&RelayState=state+1");
        String encoded = url.getRawQuery().split("&")[1].substring("SAMLRequest=".length());
        byte[] deflated = Base64.getDecoder().decode(URLDecoder.decode(encoded, StandardCharsets.UTF_8));
        Inflater inflater = new Inflater(true);
        inflater.setInput(deflated);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        while (!inflater.finished()) {
            out.write(buffer, 0, inflater.inflate(buffer));
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(xml);
    }
}
