package dev.gatehouse.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.Fixtures;
import dev.gatehouse.config.AttributeNames;
import dev.gatehouse.config.ProviderConfig;
import dev.gatehouse.config.RoleMapping;
import dev.gatehouse.error.ErrorCode;
import dev.gatehouse.error.SamlRejection;
import dev.gatehouse.sso.VerifiedAssertion;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AttributeMapperTest {

    private final AttributeMapper mapper = new AttributeMapper();

    private static VerifiedAssertion assertion(Map<String, List<String>> attributes, Map<String, String> friendly) {
        return new VerifiedAssertion("test", Fixtures.IDP_ENTITY_ID, "_a1", "00u1abc", "urn:oasis:names:tc:SAML:2.0:"
                + "nameid-format:persistent", null, null, "_s1", Instant.parse("2026-11-25T10:00:00Z"), null, null, attributes,
                friendly, null, null);
    }

    @Test
    void readsEntraClaimUrisWithTheDefaults() {
        Map<String, List<String>> attributes = new LinkedHashMap<>();
        attributes.put("http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress", List.of("a@corp.example"));
        attributes.put("http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname", List.of("Ada"));
        attributes.put("http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname", List.of("Lovelace"));
        attributes.put("http://schemas.microsoft.com/identity/claims/displayname", List.of("Ada Lovelace"));
        attributes.put("http://schemas.microsoft.com/ws/2008/06/identity/claims/groups", List.of("g1", "g2"));
        GatehousePrincipal p = mapper.map(assertion(attributes, Map.of()), Fixtures.provider().build());
        assertThat(p.getName()).isEqualTo("00u1abc");
        assertThat(p.email()).isEqualTo("a@corp.example");
        assertThat(p.firstName()).isEqualTo("Ada");
        assertThat(p.lastName()).isEqualTo("Lovelace");
        assertThat(p.displayName()).isEqualTo("Ada Lovelace");
        assertThat(p.groups()).containsExactly("g1", "g2");
    }

    @Test
    void matchesShibbolethFriendlyNamesAndPicksTheUsernameAttribute() {
        Map<String, List<String>> attributes = Map.of("urn:oid:0.9.2342.19200300.100.1.1", List.of("ada"),
                "urn:oid:0.9.2342.19200300.100.1.3", List.of("ada@uni.example"));
        ProviderConfig provider = Fixtures.provider().attributes(new AttributeNames(List.of("uid"), List.of("mail"),
                List.of(), List.of(), List.of(), List.of())).build();
        GatehousePrincipal p = mapper.map(assertion(attributes, Map.of("uid", "urn:oid:0.9.2342.19200300.100.1.1",
                "mail", "urn:oid:0.9.2342.19200300.100.1.3")), provider);
        assertThat(p.getName()).isEqualTo("ada");
        assertThat(p.email()).isEqualTo("ada@uni.example");
    }

    @Test
    void mapsGroupsToRolesAndKeepsDefaults() {
        ProviderConfig provider = Fixtures.provider().roles(new RoleMapping(List.of("user"),
                Map.of("Dogs & cats", List.of("pets")), false)).build();
        GatehousePrincipal p = mapper.map(assertion(Map.of("groups", List.of("Dogs & cats", "admin")), Map.of()),
                provider);
        assertThat(p.roles()).containsExactly("user", "pets");
        assertThat(p.hasRole("admin")).as("groups are not roles unless groupsAsRoles").isFalse();
        assertThat(p.hasRole("**")).isTrue();
        ProviderConfig asRoles = Fixtures.provider().roles(new RoleMapping(List.of(), Map.of(), true)).build();
        assertThat(mapper.map(assertion(Map.of("groups", List.of("admin")), Map.of()), asRoles).hasRole("admin"))
                .isTrue();
    }

    @Test
    void allowGroupsAdmitsMembersOnlyAndEmptyMeansNobody() {
        VerifiedAssertion member = assertion(Map.of("groups", List.of("Dogs & cats")), Map.of());
        assertThat(mapper.map(member, Fixtures.provider().allowGroups(List.of("Dogs & cats")).build())).isNotNull();
        assertThatThrownBy(() -> mapper.map(member, Fixtures.provider().allowGroups(List.of("Admins")).build()))
                .isInstanceOf(SamlRejection.class).extracting(e -> ((SamlRejection) e).code())
                .isEqualTo(ErrorCode.GROUP_NOT_ALLOWED);
        assertThatThrownBy(() -> mapper.map(member, Fixtures.provider().allowGroups(List.of()).build()))
                .isInstanceOf(SamlRejection.class);
        assertThat(mapper.map(member, Fixtures.provider().build())).as("absent: everyone").isNotNull();
    }

    @Test
    void thePrincipalSurvivesSerialization() throws Exception {
        GatehousePrincipal p = mapper.map(assertion(Map.of("groups", List.of("a")), Map.of()),
                Fixtures.provider().build());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(p);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(in.readObject()).isEqualTo(p);
        }
    }
}
