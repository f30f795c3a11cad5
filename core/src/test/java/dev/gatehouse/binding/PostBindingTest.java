package dev.gatehouse.binding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.error.ErrorCode;
import dev.gatehouse.error.SamlRejection;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The POST binding's base64 decoding: white space tolerated, nothing else outside the alphabet. */
class PostBindingTest {

    private static final String XML = "<samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\"/>"
            .repeat(4);
    private static final String BASE64 = Base64.getEncoder().encodeToString(XML.getBytes(StandardCharsets.UTF_8));

    private static String decode(String base64) {
        return new String(PostBinding.decode(base64, 1 << 20), StandardCharsets.UTF_8);
    }

    @Test
    void decodesPlainAndWrappedBase64() {
        assertThat(decode(BASE64)).isEqualTo(XML);
        String mime = Base64.getMimeEncoder().encodeToString(XML.getBytes(StandardCharsets.UTF_8));
        assertThat(mime).contains("\r\n");
        assertThat(decode(mime)).isEqualTo(XML);
        assertThat(decode(" \t" + BASE64.substring(0, 10) + "\n" + BASE64.substring(10) + "\n")).isEqualTo(XML);
    }

    @Test
    void refusesCharactersOutsideTheAlphabetThatAMimeDecoderWouldSkip() {
        String mangled = BASE64.substring(0, 8) + "%%" + BASE64.substring(8);
        assertThatThrownBy(() -> decode(mangled)).isInstanceOfSatisfying(SamlRejection.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.SAML_MESSAGE_MALFORMED);
            assertThat(e.getMessage()).contains("not valid base64").contains("25");
        });
        assertThatThrownBy(() -> decode(BASE64.substring(0, 8) + "\u00a0" + BASE64.substring(8)))
                .as("a non-breaking space is not XML white space").isInstanceOfSatisfying(SamlRejection.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.SAML_MESSAGE_MALFORMED);
        });
        assertThatThrownBy(() -> decode(BASE64.substring(1))).isInstanceOfSatisfying(SamlRejection.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.SAML_MESSAGE_MALFORMED));
    }

    @Test
    void refusesEmptyAndOversizedMessages() {
        assertThatThrownBy(() -> decode(" \r\n")).isInstanceOfSatisfying(SamlRejection.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.SAML_MESSAGE_MALFORMED));
        assertThatThrownBy(() -> PostBinding.decode(BASE64, 100)).isInstanceOfSatisfying(SamlRejection.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.SAML_MESSAGE_TOO_LARGE));
    }
}
