package dev.gatehouse.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.Fixtures;
import dev.gatehouse.config.AccountPolicy;
import dev.gatehouse.config.IdpPreset;
import dev.gatehouse.config.ProviderConfig;
import dev.gatehouse.config.RoleMapping;
import dev.gatehouse.error.ErrorCode;
import dev.gatehouse.error.SamlRejection;
import dev.gatehouse.sso.VerifiedAssertion;
import dev.gatehouse.testkit.IdpAttributeSamples;
import dev.gatehouse.testkit.IdpAttributeSamples.Sample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Each preset reads its IdP's real attribute names; generic reads them all; refusals name what was received. */
class IdpPresetTest {

    private final AttributeMapper mapper = new AttributeMapper();

    static List<Sample> samples() {
        return IdpAttributeSamples.all();
    }

    static VerifiedAssertion assertion(Sample sample) {
        Map<String, List<String>> attributes = new LinkedHashMap<>();
        Map<String, String> friendly = new LinkedHashMap<>();
        for (IdpAttributeSamples.Attr a : sample.attributes()) {
            attributes.computeIfAbsent(a.name(), k -> new ArrayList<>()).addAll(a.values());
            if (a.friendlyName() != null) {
                friendly.put(a.friendlyName(), a.name());
            }
        }
        return new VerifiedAssertion("test", Fixtures.IDP_ENTITY_ID, "_a1", sample.nameId(), sample.nameIdFormat(),
                null, null, "_s1", Instant.parse("2026-11-25T10:00:00Z"), null, null, attributes, friendly, null, null);
    }

    private static ProviderConfig preset(String name) {
        return Fixtures.provider().preset(IdpPreset.fromConfigName(name).orElseThrow()).build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void eachPresetReadsItsIdpsAttributes(Sample sample) {
        GatehousePrincipal user = mapper.map(assertion(sample), preset(sample.preset()));
        assertThat(user.getName()).isEqualTo(sample.username());
        assertThat(user.email()).isEqualTo(sample.email());
        assertThat(user.firstName()).isEqualTo(sample.firstName());
        assertThat(user.lastName()).isEqualTo(sample.lastName());
        assertThat(user.groups()).containsExactlyElementsOf(sample.groups());
        assertThat(user.userId()).isEqualTo(sample.userId());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void genericFindsTheEmailNamesAndGroupsOfEveryIdp(Sample sample) {
        // generic takes the user name from the NameID; a transient one (Shibboleth) needs the preset's username names
        List<String> username = IdpPreset.fromConfigName(sample.preset()).orElseThrow().names().username();
        GatehousePrincipal user = mapper.map(assertion(sample), Fixtures.provider().attributes(
                IdpPreset.GENERIC.names().with(username, null, null, null, null, null, null)).build());
        assertThat(user.email()).isEqualTo(sample.email());
        assertThat(user.firstName()).isEqualTo(sample.firstName());
        assertThat(user.lastName()).isEqualTo(sample.lastName());
        assertThat(user.groups()).containsExactlyElementsOf(sample.groups());
    }

    @Test
    void explicitAttributesOverrideThePresetPropertyByProperty() {
        Sample okta = samples().get(0);
        ProviderConfig provider = Fixtures.provider().preset(IdpPreset.OKTA)
                .attributes(IdpPreset.OKTA.names().with(List.of("FirstName"), null, null, null, null, null, null))
                .build();
        GatehousePrincipal user = mapper.map(assertion(okta), provider);
        assertThat(user.getName()).isEqualTo("Ada");
        assertThat(user.email()).as("the rest of the preset stays").isEqualTo("ada@corp.example");
    }

    @Test
    void aTransientNameIdWithoutAUsernameAttributeIsRefusedNamingWhatWasSent() {
        Sample shibboleth = samples().stream().filter(s -> s.preset().equals("shibboleth")).findFirst().orElseThrow();
        ProviderConfig okta = preset("okta");
        assertThatThrownBy(() -> mapper.map(assertion(shibboleth), okta)).isInstanceOfSatisfying(SamlRejection.class,
                e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.USERNAME_MISSING);
                    assertThat(e.getMessage()).contains("urn:oid:1.3.6.1.4.1.5923.1.1.1.6 (eduPersonPrincipalName)")
                            .contains("preset [\"shibboleth\"]");
                });
        assertThat(mapper.map(assertion(shibboleth), preset("shibboleth")).getName()).isEqualTo("ada@uni.example");
    }

    @Test
    void allowGroupsRefusalsNameTheGroupsOrTheAttributesReceived() {
        Sample entra = samples().get(1);
        ProviderConfig wrongGroup = preset("entra").mutate().allowGroups(List.of("Admins")).build();
        assertThatThrownBy(() -> mapper.map(assertion(entra), wrongGroup)).isInstanceOfSatisfying(
                SamlRejection.class, e -> assertThat(e.getMessage()).contains("[Staff & Friends]", "[Admins]"));
        ProviderConfig okta = preset("okta").mutate().allowGroups(List.of("Staff & Friends")).build();
        assertThatThrownBy(() -> mapper.map(assertion(entra), okta)).isInstanceOfSatisfying(SamlRejection.class,
                e -> assertThat(e.getMessage()).contains("has no groups", "claims/groups", "preset [\"entra\"]"));
    }

    @Test
    void groupMatchingIgnoresCaseOnlyWhenAsked() {
        Sample okta = samples().get(0);
        ProviderConfig exact = preset("okta").mutate().allowGroups(List.of("staff & friends"))
                .roles(new RoleMapping(List.of(), Map.of("EVERYONE", List.of("member")), false)).build();
        assertThatThrownBy(() -> mapper.map(assertion(okta), exact)).isInstanceOf(SamlRejection.class);
        ProviderConfig relaxed = exact.mutate().accounts(new AccountPolicy(false, false, true)).build();
        GatehousePrincipal user = mapper.map(assertion(okta), relaxed);
        assertThat(user.roles()).contains("member");
    }
}
