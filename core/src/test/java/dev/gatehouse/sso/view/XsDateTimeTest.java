package dev.gatehouse.sso.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Random;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.shibboleth.utilities.java.support.xml.DOMTypeSupport;
import org.junit.jupiter.api.Test;

/**
 * SAML time values: whatever Gatehouse accepts, OpenSAML reads as the same instant; whatever OpenSAML refuses,
 * Gatehouse refuses; and what Gatehouse refuses beyond that is exactly the forms SAML forbids or no IdP sends.
 */
class XsDateTimeTest {

    private static final String[] ACCEPTED = {
        "2026-11-25T10:00:00Z", "2026-11-25T10:00:00.123Z", "2026-11-25T09:59:58.1839884Z", "2026-11-25T10:00:00.5Z",
        "2026-11-25T10:00:00.000000001Z", "2026-11-25T11:30:00+01:30", "2026-11-25T01:00:00-05:00",
        "2026-11-25T10:00:00-00:00", "2026-11-25T10:00:00+14:00", "2024-02-29T00:00:00Z", "1999-12-31T23:59:59.999Z",
        " 2026-11-25T10:00:00Z\n",
    };

    /** Values OpenSAML accepts (the last is not even a valid xs:dateTime) and Gatehouse refuses on purpose. */
    private static final String[] OUTSIDE_THE_SAML_FORM = {
        "2026-11-25T10:00:00", "2026-11-25T10:00:00.5", "2026-11-25T24:00:00Z", "0999-01-01T00:00:00Z",
        "2026-11-25T01:00:00-04:70",
        "12026-11-25T10:00:00Z", "-2026-11-25T10:00:00Z", "2026-11-25T10:00:60Z",
    };

    private static final String[] INVALID = {
        "2025-02-29T00:00:00Z", "2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z", "2026-00-10T00:00:00Z",
        "2026-11-25T10:00:00.Z", "2026-11-25T10:00:00z", "2026-11-25 10:00:00Z", "2026-11-25T10:00Z",
        "2026-11-25T10:00:00+0100", "2026-11-25T10:00:00+01:60", "2026-11-25T25:00:00Z", "2026-11-25T10:61:00Z",
        "2026-1-25T10:00:00Z", "tomorrow", "", "2026-11-25T10:00:00ZZ", "2026-11-25T10:00:00.12a4Z",
        "2026-11-25T10:00:00.123+01:00x", "२०२६-11-25T10:00:00Z", "2026-11-25T10:00:00+15:00",
        "\u30002026-11-25T10:00:00Z",
    };

    /** The SAML form, by a regular expression independent of the parser: 4-digit year, hour 00-23, a zone. */
    private static final Pattern SAML_FORM = Pattern.compile(
            "[ \t\r\n]*[1-9][0-9]{3}-[0-9]{2}-[0-9]{2}T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]+)?"
                    + "(Z|[+-]([0-9]{2}):([0-5][0-9]))[ \t\r\n]*");

    @Test
    void readsEveryIdpFormAsOpenSamlDoes() {
        for (String value : ACCEPTED) {
            assertThat(outcome(() -> XsDateTime.parse(value))).as(value).isNotEqualTo("refused")
                    .isEqualTo(outcome(() -> DOMTypeSupport.stringToInstant(value.strip())));
        }
        assertThat(XsDateTime.parse("2026-11-25T09:59:58.1839884Z"))
                .isEqualTo(Instant.parse("2026-11-25T09:59:58.183Z"));
        assertThat(XsDateTime.parse("2026-11-25T11:30:00+01:30")).isEqualTo(Instant.parse("2026-11-25T10:00:00Z"));
    }

    @Test
    void refusesValuesWithoutATimeZoneAndOtherFormsSamlDoesNotUse() {
        for (String value : OUTSIDE_THE_SAML_FORM) {
            assertThat(outcome(() -> DOMTypeSupport.stringToInstant(value))).as("OpenSAML accepts " + value)
                    .isNotEqualTo("refused");
            assertThat(outcome(() -> XsDateTime.parse(value))).as(value).isEqualTo("refused");
        }
    }

    @Test
    void refusesInvalidValues() {
        for (String value : INVALID) {
            assertThat(outcome(() -> XsDateTime.parse(value))).as(value).isEqualTo("refused");
        }
    }

    @Test
    void agreesWithOpenSamlOnRandomMutationsAndIsNeverMoreLenient() {
        Random random = new Random(20261125);
        String alphabet = "0123456789-:TZ.+ z";
        int acceptedByBoth = 0;
        for (int i = 0; i < 20_000; i++) {
            char[] value = ACCEPTED[random.nextInt(ACCEPTED.length - 1)].toCharArray();
            int edits = 1 + random.nextInt(2);
            for (int e = 0; e < edits; e++) {
                value[random.nextInt(value.length)] = alphabet.charAt(random.nextInt(alphabet.length()));
            }
            String sample = new String(value);
            String ours = outcome(() -> XsDateTime.parse(sample));
            String openSaml = outcome(() -> DOMTypeSupport.stringToInstant(sample.strip()));
            if (!ours.equals("refused")) {
                assertThat(ours).as(sample).isEqualTo(openSaml);
                acceptedByBoth++;
            } else if (!openSaml.equals("refused")) {
                assertThat(inSamlForm(sample)).as("refused although in the SAML form: " + sample).isFalse();
            }
        }
        assertThat(acceptedByBoth).as("the mutations keep many values valid").isGreaterThan(1_000);
    }

    /** In the SAML form and with an offset of at most 14 hours. */
    private static boolean inSamlForm(String value) {
        Matcher m = SAML_FORM.matcher(value);
        return m.matches() && (m.group(4) == null
                || Integer.parseInt(m.group(4)) * 60 + Integer.parseInt(m.group(5)) <= 14 * 60);
    }

    private static String outcome(Supplier<Instant> parse) {
        try {
            return String.valueOf(parse.get());
        } catch (RuntimeException e) {
            return "refused";
        }
    }
}
