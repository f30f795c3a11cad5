package dev.gatehouse.sso.view;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Parses SAML time values: the strict subset of {@code xs:dateTime} that SAML allows and every IdP sends,
 * {@code YYYY-MM-DDThh:mm:ss}, an optional fraction, and {@code Z} or {@code ±hh:mm}, with XML white space around
 * it. Everything else is refused: no time zone (saml-core-2.0-os 1.3.3 requires UTC; OpenSAML would read such a value
 * in the server's own zone, moving a signed NotOnOrAfter by hours), hour 24, a leap second, years outside 1000-9999,
 * offsets beyond ±14:00. Every value accepted gives the instant OpenSAML gives it
 * ({@code DOMTypeSupport.stringToInstant}: millisecond precision, further fraction digits truncated, as ADFS sends
 * seven); {@code XsDateTimeTest} compares the two on every sample and 20,000 mutations, and checks that this parser
 * never accepts what OpenSAML refuses. JAXP's parse cost about 4% of a validation; this one a tenth of it.
 */
final class XsDateTime {

    private XsDateTime() {
    }

    /**
     * @throws IllegalArgumentException when {@code value} is not a SAML time value of the form above
     */
    static Instant parse(String value) {
        Instant instant = parseCommonForm(SamlDom.xmlTrim(value));
        if (instant == null) {
            throw new IllegalArgumentException("not YYYY-MM-DDThh:mm:ss[.fraction] with Z or +hh:mm");
        }
        return instant;
    }

    /** The instant of a value in the common form, or null when it is not in that form or not a valid date. */
    static Instant parseCommonForm(String s) {
        int n = s.length();
        if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if (year < 1000 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || second < 0) {
            return null;
        }
        int i = 19;
        int millis = 0;
        if (s.charAt(i) == '.') {
            int start = ++i;
            while (i < n && isDigit(s.charAt(i))) {
                if (i - start < 3) {
                    millis = millis * 10 + (s.charAt(i) - '0');
                }
                i++;
            }
            int count = i - start;
            if (count == 0) {
                return null;
            }
            for (int k = count; k < 3; k++) {
                millis *= 10;
            }
        }
        ZoneOffset offset;
        if (i == n - 1 && s.charAt(i) == 'Z') {
            offset = ZoneOffset.UTC;
        } else if (i == n - 6 && (s.charAt(i) == '+' || s.charAt(i) == '-') && s.charAt(i + 3) == ':') {
            int hours = digits(s, i + 1, 2);
            int minutes = digits(s, i + 4, 2);
            if (hours < 0 || minutes < 0 || hours > 14 || minutes > 59 || (hours == 14 && minutes > 0)) {
                return null;
            }
            int total = hours * 3600 + minutes * 60;
            offset = ZoneOffset.ofTotalSeconds(s.charAt(i) == '-' ? -total : total);
        } else {
            return null;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second, millis * 1_000_000)
                    .toInstant(offset);
        } catch (DateTimeException invalid) {
            return null;
        }
    }

    private static int digits(String s, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
