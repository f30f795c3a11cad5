package dev.gatehouse.slo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.Fixtures;
import dev.gatehouse.config.MessageLimits;
import dev.gatehouse.config.ValidationPolicy;
import dev.gatehouse.error.ErrorCode;
import dev.gatehouse.error.SamlRejection;
import dev.gatehouse.internal.SecureXml;
import dev.gatehouse.metadata.IdentityProviders.ActiveProvider;
import dev.gatehouse.state.InMemoryReplayCache;
import dev.gatehouse.testkit.Encryption;
import dev.gatehouse.testkit.LogoutRequestBuilder;
import dev.gatehouse.testkit.TestCredential;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** IdP-initiated LogoutRequests whose NameID is encrypted (ADFS sends them): decrypted only when signed. */
class EncryptedLogoutRequestTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    private final LogoutRequestValidator validator = new LogoutRequestValidator(SecureXml.forMessages(64),
            MessageLimits.DEFAULTS, new InMemoryReplayCache(Clock.fixed(NOW, ZoneOffset.UTC)), Duration.ofMinutes(10));

    private static ActiveProvider provider(boolean allowUnsigned) {
        ValidationPolicy validation = new ValidationPolicy(true, true, ValidationPolicy.DEFAULT_CLOCK_SKEW, null,
                false, allowUnsigned);
        return Fixtures.active(Fixtures.provider().keys(Fixtures.currentSpKey()).validation(validation).build());
    }

    private static LogoutRequestBuilder request() {
        return Fixtures.idp().logoutRequest().to(Fixtures.EXTERNAL_URL + "/saml/sls/test").nameId("alice@example.com")
                .issueInstant(NOW).notOnOrAfter(NOW.plusSeconds(300));
    }

    private VerifiedLogoutRequest validate(LogoutRequestBuilder builder, ActiveProvider provider) {
        return validator.validate(new LogoutInput(Base64.getDecoder().decode(builder.postBase64()), null, provider,
                NOW));
    }

    private static Encryption toSp() {
        return Encryption.assertionTo(TestCredential.spCurrent().certificate());
    }

    @Test
    void aSignedRequestWithAnEncryptedIdNamesTheDecryptedUser() {
        assertThat(validate(request().encryptNameId(toSp()), provider(false)).nameId()).isEqualTo("alice@example.com");
    }

    @Test
    void anUnsignedRequestMayNotMakeTheSpDecryptAnything() {
        assertThatThrownBy(() -> validate(request().unsigned().encryptNameId(toSp()), provider(true)))
                .isInstanceOfSatisfying(SamlRejection.class, r -> assertThat(r.code())
                        .isEqualTo(ErrorCode.SIGNATURE_MISSING));
        assertThat(validate(request().unsigned(), provider(true)).nameId()).as("plain NameID, loosened policy")
                .isEqualTo("alice@example.com");
    }

    @Test
    void anEncryptedIdToAnotherKeyIsADecryptionFailure() {
        assertThatThrownBy(() -> validate(request().encryptNameId(toSp().withRecipient(
                TestCredential.attacker().certificate())), provider(false)))
                .isInstanceOfSatisfying(SamlRejection.class, r -> assertThat(r.code())
                        .isEqualTo(ErrorCode.DECRYPTION_FAILED));
    }
}
