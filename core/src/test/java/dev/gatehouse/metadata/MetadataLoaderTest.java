package dev.gatehouse.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.binding.Binding;
import dev.gatehouse.config.IdpSource;
import dev.gatehouse.testkit.JettyServer;
import dev.gatehouse.testkit.TestCredential;
import dev.gatehouse.testkit.TestIdp;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetadataLoaderTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private final MetadataLoader loader = MetadataLoader.withDefaults(Clock.fixed(NOW, ZoneOffset.UTC));
    private final TestIdp idp = TestIdp.create("https://idp.example/metadata", URI.create("https://idp.example/sso"));

    @Test
    void readsInlineMetadata() throws Exception {
        IdpMetadata md = loader.load(new IdpSource.InlineMetadata(idp.metadataXml(
                List.of(TestCredential.idpSigning(), TestCredential.idpRollover())), null));
        assertThat(md.entityId()).isEqualTo("https://idp.example/metadata");
        assertThat(md.singleSignOnServices()).extracting(Endpoint::binding)
                .containsExactly(Binding.HTTP_REDIRECT, Binding.HTTP_POST);
        assertThat(md.signingCertificates()).containsExactly(TestCredential.idpSigning().certificate(),
                TestCredential.idpRollover().certificate());
        assertThat(md.singleSignOnService(null)).get().extracting(Endpoint::binding).isEqualTo(Binding.HTTP_REDIRECT);
        assertThat(md.singleSignOnService(Binding.HTTP_POST)).get().extracting(Endpoint::binding)
                .isEqualTo(Binding.HTTP_POST);
    }

    @Test
    void fetchesMetadataOverHttpAndNamesTheUrlWhenItFails() throws Exception {
        try (JettyServer server = JettyServer.start("127.0.0.1")) {
            server.deployServlet("/", "/*", new HttpServlet() {
                private static final long serialVersionUID = 1L;

                @Override
                protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                    if (req.getRequestURI().equals("/md")) {
                        resp.setContentType("application/samlmetadata+xml");
                        resp.getWriter().print(idp.metadataXml());
                    } else {
                        resp.sendError(404);
                    }
                }
            });
            IdpMetadata md = loader.load(url(server.baseUrl() + "/md"));
            assertThat(md.entityId()).isEqualTo(idp.entityId());
            assertThatThrownBy(() -> loader.load(url(server.baseUrl() + "/missing")))
                    .isInstanceOf(MetadataException.class).hasMessageContaining(server.baseUrl() + "/missing")
                    .hasMessageContaining("HTTP status [404]");
        }
        assertThatThrownBy(() -> loader.load(url("http://127.0.0.1:9/md"))).isInstanceOf(MetadataException.class)
                .hasMessageContaining("Cannot fetch IdP metadata from [http://127.0.0.1:9/md]")
                .hasMessageContaining("ConnectException");
    }

    @Test
    void picksTheConfiguredEntityFromAnAggregate() throws Exception {
        TestIdp other = TestIdp.create("https://other.example/idp", URI.create("https://other.example/sso"));
        String aggregate = "<md:EntitiesDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\">"
                + strip(idp.metadataXml()) + strip(other.metadataXml()) + "</md:EntitiesDescriptor>";
        assertThatThrownBy(() -> loader.load(new IdpSource.InlineMetadata(aggregate, null)))
                .hasMessageContaining("describes 2 identity providers").hasMessageContaining("identityProviderEntityId");
        assertThat(loader.load(new IdpSource.InlineMetadata(aggregate, "https://other.example/idp")).entityId())
                .isEqualTo("https://other.example/idp");
        assertThatThrownBy(() -> loader.load(new IdpSource.InlineMetadata(aggregate, "urn:nope")))
                .hasMessageContaining("has no IdP with entityID [urn:nope]");
    }

    @Test
    void refusesExpiredMetadata() {
        String expired = idp.metadataXml().replaceFirst("entityID=", "validUntil=\"2026-01-01T00:00:00Z\" entityID=");
        assertThatThrownBy(() -> loader.load(new IdpSource.InlineMetadata(expired, null)))
                .hasMessageContaining("expired on [2026-01-01T00:00:00Z]");
    }

    @Test
    void explainsWhatIsWrongWithUnusableMetadata() {
        String sp = "<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\" entityID=\"urn:sp\">"
                + "<md:SPSSODescriptor protocolSupportEnumeration=\"urn:oasis:names:tc:SAML:2.0:protocol\">"
                + "<md:AssertionConsumerService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST\" "
                + "Location=\"https://sp/acs\" index=\"0\"/></md:SPSSODescriptor></md:EntityDescriptor>";
        assertThatThrownBy(() -> loader.load(new IdpSource.InlineMetadata(sp, null)))
                .hasMessageContaining("describes no SAML 2.0 identity provider");
        String noKeys = idp.metadataXml().replaceAll("<md:KeyDescriptor.*</md:KeyDescriptor>", "");
        assertThatThrownBy(() -> loader.load(new IdpSource.InlineMetadata(noKeys, null)))
                .hasMessageContaining("publishes no signing certificate");
        String encryptionOnly = idp.metadataXml().replace("use=\"signing\"", "use=\"encryption\"");
        assertThatThrownBy(() -> loader.load(new IdpSource.InlineMetadata(encryptionOnly, null)))
                .hasMessageContaining("publishes no signing certificate");
        assertThatThrownBy(() -> loader.load(new IdpSource.InlineMetadata(
                "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>", null)))
                .hasMessageContaining("DOCTYPE");
    }

    private static IdpSource.MetadataUrl url(String url) {
        return new IdpSource.MetadataUrl(URI.create(url), null, Duration.ofSeconds(5), false);
    }

    private static String strip(String xml) {
        return xml.replaceFirst("<\\?xml[^>]*\\?>", "");
    }
}
