package dev.gatehouse.internal;

/**
 * Makes text from a SAML message safe to put into a log line: control characters (CR, LF, TAB and the rest) are
 * escaped, so a value such as an Audience cannot forge extra log lines, and very long values are cut.
 */
public final class LogText {

    private static final int MAX = 4000;

    private LogText() {
    }

    /** The text with control characters escaped as {@code \n}, {@code \r}, {@code \t} or {@code \\uXXXX}. */
    public static String safe(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX) + 16);
        for (int i = 0; i < text.length() && out.length() < MAX; i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\t') {
                out.append("\\t");
            } else if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (out.length() >= MAX) {
            out.append("...(cut)");
        }
        return out.toString();
    }
}
