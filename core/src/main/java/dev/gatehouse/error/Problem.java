package dev.gatehouse.error;

import java.util.Objects;

/**
 * One failed rule: which one ({@link #code}), what was found ({@link #detail}, stating expected and received values
 * in brackets so blanks show), what to change ({@link #fix}, may be empty), and rarely a text that may be shown to
 * the user ({@link #userDetail}, such as the IdP's own status message).
 *
 * <p>The detail is for the log only: it may contain values from the message and the configuration and is never
 * sent to the browser.
 */
public record Problem(ErrorCode code, String detail, String fix, String userDetail) {

    public Problem {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(detail, "detail");
        fix = fix == null ? "" : fix;
        userDetail = userDetail == null ? "" : userDetail;
    }

    public Problem(ErrorCode code, String detail, String fix) {
        this(code, detail, fix, "");
    }

    /** A problem without a suggested fix. */
    public static Problem of(ErrorCode code, String detail) {
        return new Problem(code, detail, "");
    }

    /** A problem stating expected and received values in the house format. */
    public static Problem mismatch(ErrorCode code, String subject, Object expected, Object received, String fix) {
        return new Problem(code, subject + ": expected [" + expected + "], received [" + received + "]", fix);
    }

    @Override
    public String toString() {
        return code.code() + ": " + detail + (fix.isEmpty() ? "" : " Fix: " + fix);
    }
}
