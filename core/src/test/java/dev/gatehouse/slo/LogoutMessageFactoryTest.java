package dev.gatehouse.slo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.Fixtures;
import dev.gatehouse.binding.Binding;
import dev.gatehouse.identity.GatehousePrincipal;
import dev.gatehouse.internal.RandomIds;
import dev.gatehouse.metadata.Endpoint;
import dev.gatehouse.testkit.SamlSchemas;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.opensaml.saml.saml2.core.StatusCode;

class LogoutMessageFactoryTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private final LogoutMessageFactory factory = new LogoutMessageFactory(new RandomIds());
    private final Endpoint slo = new Endpoint(Binding.HTTP_REDIRECT, URI.create("https://idp.test/slo"),
            URI.create("https://idp.test/slo/response"));

    @Test
    void theLogoutRequestEchoesTheNameIdAsIssuedAndTheSessionIndex() {
        GatehousePrincipal user = new GatehousePrincipal("a", "a@corp.example",
                "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent", "https://idp.test", "urn:sp", "_s1", "test",
                Fixtures.IDP_ENTITY_ID, null, null, null, null, List.of(), Set.of(), Map.of(), NOW, null, null,
                "login", NOW, "a@corp.example", null);
        LogoutMessageFactory.Message message = factory.logoutRequest(Fixtures.active(Fixtures.provider().build()), slo,
                user, NOW);
        SamlSchemas.validateProtocol(message.xml());
        assertThat(message.xml()).contains("Destination=\"https://idp.test/slo\"", "NameQualifier=\"https://idp.test\"",
                "SPNameQualifier=\"urn:sp\"", ">a@corp.example</saml2:NameID>", ">_s1</saml2p:SessionIndex>",
                ">" + Fixtures.SP_ENTITY_ID + "</saml2:Issuer>");
    }

    @Test
    void theLogoutResponseGoesToTheResponseLocation() {
        LogoutMessageFactory.Message ok = factory.logoutResponse(Fixtures.active(Fixtures.provider().build()), slo,
                "_req", StatusCode.SUCCESS, NOW);
        SamlSchemas.validateProtocol(ok.xml());
        assertThat(ok.xml()).contains("Destination=\"https://idp.test/slo/response\"", "InResponseTo=\"_req\"",
                StatusCode.SUCCESS).doesNotContain(StatusCode.PARTIAL_LOGOUT);
        LogoutMessageFactory.Message partial = factory.logoutResponse(Fixtures.active(Fixtures.provider().build()),
                slo, "_req", StatusCode.PARTIAL_LOGOUT, NOW);
        assertThat(partial.xml()).contains(StatusCode.PARTIAL_LOGOUT);
    }
}
