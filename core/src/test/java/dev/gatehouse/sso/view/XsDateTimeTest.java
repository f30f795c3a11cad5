package dev.gatehouse.sso.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.shibboleth.utilities.java.support.xml.DOMTypeSupport;
import org.junit.jupiter.api.Test;

/** The fast path must accept, refuse and read every string exactly as OpenSAML's parser does. */
class XsDateTimeTest {

    private static final String[] SAMPLES = {
        "2026-11-25T10:00:00Z", "2026-11-25T10:00:00.123Z", "2026-11-25T09:59:58.1839884Z", "2026-11-25T10:00:00.5Z",
        "2026-11-25T10:00:00.000000001Z", "2026-11-25T11:30:00+01:30", "2026-11-25T01:00:00-05:00",
        "2026-11-25T10:00:00-00:00", "2026-11-25T10:00:00+14:00", "2024-02-29T00:00:00Z", "1999-12-31T23:59:59.999Z",
        // not in the fast form: the fallback decides
        "2026-11-25T10:00:00", "2026-11-25T24:00:00Z", "0999-01-01T00:00:00Z", "12026-11-25T10:00:00Z",
        " 2026-11-25T10:00:00Z ", "-2026-11-25T10:00:00Z", "2026-11-25T10:00:60Z", "2026-11-25T10:00:00+15:00",
        "2026-11-25T10:00:00+14:30",
        // invalid
        "2025-02-29T00:00:00Z", "2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z", "2026-00-10T00:00:00Z",
        "2026-11-25T10:00:00.Z", "2026-11-25T10:00:00z", "2026-11-25 10:00:00Z", "2026-11-25T10:00Z",
        "2026-11-25T10:00:00+0100", "2026-11-25T10:00:00+01:60", "2026-11-25T25:00:00Z", "2026-11-25T10:61:00Z",
        "2026-1-25T10:00:00Z", "tomorrow", "", "2026-11-25T10:00:00ZZ", "2026-11-25T10:00:00.12a4Z",
        "2026-11-25T10:00:00.123+01:00x", "२०२६-11-25T10:00:00Z",
    };

    @Test
    void agreesWithOpenSamlOnEverySample() {
        for (String sample : SAMPLES) {
            assertThat(outcome(() -> XsDateTime.parse(sample))).as(sample)
                    .isEqualTo(outcome(() -> DOMTypeSupport.stringToInstant(sample)));
        }
    }

    @Test
    void agreesWithOpenSamlOnRandomMutations() {
        Random random = new Random(20261125);
        String alphabet = "0123456789-:TZ.+ z";
        List<String> checked = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            char[] value = SAMPLES[random.nextInt(11)].toCharArray();
            int edits = 1 + random.nextInt(2);
            for (int e = 0; e < edits; e++) {
                value[random.nextInt(value.length)] = alphabet.charAt(random.nextInt(alphabet.length()));
            }
            String sample = new String(value);
            assertThat(outcome(() -> XsDateTime.parse(sample))).as(sample)
                    .isEqualTo(outcome(() -> DOMTypeSupport.stringToInstant(sample)));
            checked.add(sample);
        }
        assertThat(checked.stream().filter(s -> XsDateTime.parseCommonForm(s) != null).count())
                .as("the fast path decides many of them").isGreaterThan(1_000);
    }

    @Test
    void readsTheCommonFormsOnTheFastPath() {
        assertThat(XsDateTime.parseCommonForm("2026-11-25T09:59:58.1839884Z"))
                .isEqualTo(Instant.parse("2026-11-25T09:59:58.183Z"));
        assertThat(XsDateTime.parseCommonForm("2026-11-25T11:30:00+01:30")).isEqualTo(Instant.parse("2026-11-25T10:00:00Z"));
        assertThat(XsDateTime.parseCommonForm("2026-11-25T10:00:00")).as("no time zone: JAXP decides").isNull();
    }

    private static String outcome(java.util.function.Supplier<Instant> parse) {
        try {
            return String.valueOf(parse.get());
        } catch (RuntimeException e) {
            return "refused";
        }
    }
}
