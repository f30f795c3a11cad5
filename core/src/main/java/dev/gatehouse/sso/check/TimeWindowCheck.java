package dev.gatehouse.sso.check;

import dev.gatehouse.error.ErrorCode;
import dev.gatehouse.error.Problem;
import dev.gatehouse.sso.view.AssertionView;
import java.time.Instant;
import java.util.List;

/**
 * Conditions NotBefore / NotOnOrAfter and the Assertion's IssueInstant, each with the provider's clock skew
 * (saml-core-2.0-os 2.5.1.2).
 */
public final class TimeWindowCheck implements AssertionCheck {

    @Override
    public void check(CheckContext c, List<Problem> problems) {
        Instant issued = c.assertion().issueInstant();
        if (issued == null) {
            problems.add(Problem.of(ErrorCode.SAML_MESSAGE_MALFORMED, "Assertion has no IssueInstant"));
        } else if (c.isInFuture(issued)) {
            problems.add(Problem.mismatch(ErrorCode.ASSERTION_NOT_YET_VALID, "Assertion IssueInstant is in the future",
                    "at most " + c.now().plus(c.skew()), issued, "synchronise the clocks (NTP) of IdP and SP, or "
                            + "raise clockSkew"));
        }
        AssertionView.Conditions conditions = c.assertion().conditions();
        if (conditions == null) {
            return;
        }
        Instant notBefore = conditions.notBefore();
        if (notBefore != null && c.isInFuture(notBefore)) {
            problems.add(Problem.mismatch(ErrorCode.ASSERTION_NOT_YET_VALID, "Conditions NotBefore is in the future",
                    "at most " + c.now().plus(c.skew()), notBefore, "synchronise the clocks (NTP) of IdP and SP, or "
                            + "raise clockSkew"));
        }
        Instant notOnOrAfter = conditions.notOnOrAfter();
        if (notOnOrAfter != null && c.hasPassed(notOnOrAfter)) {
            problems.add(Problem.mismatch(ErrorCode.ASSERTION_EXPIRED, "Conditions NotOnOrAfter has passed",
                    "after " + c.now().minus(c.skew()), notOnOrAfter, "sign in again; if this repeats, synchronise "
                            + "the clocks of IdP and SP"));
        }
    }
}
