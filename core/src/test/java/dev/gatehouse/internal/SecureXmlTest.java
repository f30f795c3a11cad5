package dev.gatehouse.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gatehouse.error.ErrorCode;
import dev.gatehouse.error.SamlRejection;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SecureXmlTest {

    private final SecureXml xml = SecureXml.forMessages(64);

    private ErrorCode refusal(String text) {
        return catchThrowableOfType(SamlRejection.class, () -> xml.parse(text.getBytes(StandardCharsets.UTF_8))).code();
    }

    @Test
    void refusesEveryDoctypeTrick() {
        assertThat(refusal("<!DOCTYPE x [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]><x>&b;</x>"))
                .isEqualTo(ErrorCode.XML_DOCTYPE_FORBIDDEN);
        assertThat(refusal("<!DOCTYPE x SYSTEM \"http://127.0.0.1:9/x.dtd\"><x/>")).isEqualTo(ErrorCode.XML_DOCTYPE_FORBIDDEN);
        assertThat(refusal("<!DOCTYPE x [<!ENTITY % p SYSTEM \"file:///etc/passwd\"> %p;]><x/>"))
                .isEqualTo(ErrorCode.XML_DOCTYPE_FORBIDDEN);
    }

    @Test
    void doesNotProcessXInclude() {
        String doc = "<x xmlns:xi=\"http://www.w3.org/2001/XInclude\"><xi:include href=\"file:///etc/passwd\" "
                + "parse=\"text\"/></x>";
        assertThat(xml.parse(doc.getBytes(StandardCharsets.UTF_8)).getDocumentElement().getTextContent()).isEmpty();
    }

    @Test
    void limitsNestingDepth() {
        String deep = "<a>".repeat(200) + "</a>".repeat(200);
        assertThat(refusal(deep)).isEqualTo(ErrorCode.SAML_MESSAGE_MALFORMED);
        String ok = "<a>".repeat(30) + "</a>".repeat(30);
        assertThat(xml.parse(ok.getBytes(StandardCharsets.UTF_8))).isNotNull();
    }

    @Test
    void keepsCommentsInMessagesSoTheyCanBeRefusedButDropsThemInMetadata() {
        byte[] doc = "<n>alice@example.com<!-- x -->.evil.com</n>".getBytes(StandardCharsets.UTF_8);
        assertThat(xml.parse(doc).getDocumentElement().getChildNodes().getLength()).isEqualTo(3);
        assertThat(SecureXml.forMetadata().parse(doc).getDocumentElement().getTextContent())
                .isEqualTo("alice@example.com.evil.com");
    }
}
