package dev.gatehouse.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The per-provider knobs of response validation. Every check is on by default; each field that loosens a check is
 * its own key and Gatehouse logs a WARN at startup when one is set (there is no "strict" master switch).
 *
 * @param wantAssertionsSigned require the Assertion itself to be signed (default true); when false a signed
 *     Response also suffices
 * @param allowIdpInitiated accept unsolicited responses without InResponseTo (default true, as most IdPs offer
 *     dashboard tiles)
 * @param clockSkew tolerance applied to every time check (default 3 minutes)
 * @param maxAuthenticationAge refuse an AuthnInstant older than this; null means no limit (the default)
 * @param allowSha1 accept SHA-1 signature and digest algorithms (default false)
 * @param allowUnsignedLogoutRequests accept IdP-initiated LogoutRequests without a signature (default false); anyone
 *     could then end any user's sessions
 */
public record ValidationPolicy(boolean wantAssertionsSigned, boolean allowIdpInitiated, Duration clockSkew,
        Duration maxAuthenticationAge, boolean allowSha1, boolean allowUnsignedLogoutRequests) {

    /** The default clock skew. */
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofMinutes(3);

    public ValidationPolicy {
        Objects.requireNonNull(clockSkew, "clockSkew");
        if (clockSkew.isNegative()) {
            throw new IllegalArgumentException("clockSkew must not be negative");
        }
        if (maxAuthenticationAge != null && (maxAuthenticationAge.isNegative() || maxAuthenticationAge.isZero())) {
            throw new IllegalArgumentException("maxAuthenticationAge must be positive");
        }
    }

    /** A policy that requires signed LogoutRequests. */
    public ValidationPolicy(boolean wantAssertionsSigned, boolean allowIdpInitiated, Duration clockSkew,
            Duration maxAuthenticationAge, boolean allowSha1) {
        this(wantAssertionsSigned, allowIdpInitiated, clockSkew, maxAuthenticationAge, allowSha1, false);
    }

    /** Every check at its secure default. */
    public static ValidationPolicy defaults() {
        return new ValidationPolicy(true, true, DEFAULT_CLOCK_SKEW, null, false, false);
    }
}
