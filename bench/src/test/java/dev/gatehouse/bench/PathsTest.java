package dev.gatehouse.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.bench.Samples.Variant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What the benchmarks measure is real work: for every variant, every path accepts a valid response as the right user
 * and refuses a tampered one (the floors: their signature check fails on altered bytes), and Gatehouse's path refuses
 * a replay. Runs in the normal build; the benchmarks themselves run only on demand (BENCHMARKS.md).
 */
class PathsTest {

    /**
     * The SAML paths make the checks BENCHMARKS.md says they make: each refuses a validly signed response for
     * another SP, from another issuer, or expired, for that reason (the floors check nothing of the kind and are not
     * asked).
     */
    @ParameterizedTest
    @EnumSource(Samples.Broken.class)
    void everySamlPathRefusesAResponseThatBreaksTheProfile(Samples.Broken rule) throws Exception {
        for (Variant variant : List.of(Variant.ASSERTION_SIGNED, Variant.ENCRYPTED)) {
            String sample = Samples.responses(variant, 1).get(0);
            String broken = Samples.broken(variant, rule);
            for (String name : List.of("gatehouse", "openSaml", "keycloak", "javaSaml")) {
                ValidationPath path = Paths.proven(name, variant, sample);
                // Keycloak's path reports issuer and time in one message (one AssertionUtil call checks both).
                String reason = switch (rule) {
                    case WRONG_AUDIENCE -> "audience";
                    case WRONG_ISSUER -> "issuer";
                    case EXPIRED -> name.equals("keycloak") ? "time" : "expired";
                };
                assertThatThrownBy(() -> path.validate(broken)).as(name + " " + variant + " " + rule)
                        .satisfies(e -> assertThat(String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT))
                                .contains(reason));
            }
        }
    }

    /**
     * With both signed, every SAML path verifies the Response's signature too, as Gatehouse does: a copy whose only
     * change is outside the assertion (the Response's IssueInstant, one second later) is refused for its signature,
     * while the same path accepts the untouched sample.
     */
    @Test
    void everySamlPathVerifiesTheResponsesSignatureWhenBothAreSigned() throws Exception {
        String sample = Samples.responses(Variant.BOTH_SIGNED, 1).get(0);
        String tampered = Samples.tamperedOutsideAssertion();
        for (String name : List.of("gatehouse", "openSaml", "keycloak", "javaSaml")) {
            ValidationPath path = Paths.proven(name, Variant.BOTH_SIGNED, sample);
            String reason = switch (name) {
                case "gatehouse" -> "signature_invalid";
                case "openSaml" -> "signature cryptographic validation not successful";
                case "keycloak" -> "invalid response signature";
                default -> "signature validation failed";
            };
            assertThatThrownBy(() -> path.validate(tampered)).as(name)
                    .satisfies(e -> assertThat(String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT))
                            .contains(reason));
        }
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void everyPathAcceptsTheSampleAndRefusesATamperedCopy(Variant variant) throws Exception {
        String sample = Samples.responses(variant, 1).get(0);
        Map<String, ValidationPath> paths = Paths.proven(variant, sample);
        assertThat(paths).containsOnlyKeys(Paths.NAMES);
        GatehousePath gatehouse = (GatehousePath) paths.get("gatehouse");
        assertThat(gatehouse.validate(sample)).isEqualTo(Paths.USER);
        assertThatThrownBy(() -> gatehouse.validate(sample)).as("the replay cache is part of the measured path")
                .hasMessageContaining("assertion_replayed");
        assertThatThrownBy(() -> gatehouse.validate(Samples.tampered(variant)))
                .as("refused for the signature, not for something unrelated").hasMessageContaining("signature_invalid");
    }
}
