package dev.gatehouse.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogTextTest {

    @Test
    void valuesFromMessagesCannotForgeLogLines() {
        assertThat(LogText.safe("https://a\n[main] INFO forged\r\tx\u0000\u2028"))
                .isEqualTo("https://a\\n[main] INFO forged\\r\\tx\\u0000\\u2028").doesNotContain("\n", "\r");
        assertThat(LogText.safe(null)).isEqualTo("null");
        assertThat(LogText.safe("x".repeat(10_000))).hasSizeLessThan(4100).endsWith("...(cut)");
    }
}
