package dev.gatehouse.sso.check;

import dev.gatehouse.error.ErrorCode;
import dev.gatehouse.error.Problem;
import dev.gatehouse.sso.view.AssertionView.AuthnStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The assertion must hold an AuthnStatement (saml-profiles-2.0-os 4.1.4.2) whose SessionNotOnOrAfter has not
 * passed, and with {@code maxAuthenticationAge} an AuthnInstant that recent (saml-core-2.0-os 2.7.2).
 */
public final class AuthnStatementCheck implements AssertionCheck {

    @Override
    public void check(CheckContext c, List<Problem> problems) {
        List<AuthnStatement> statements = c.assertion().authnStatements();
        if (statements.isEmpty()) {
            problems.add(Problem.of(ErrorCode.AUTHN_STATEMENT_MISSING, "The assertion has no AuthnStatement"));
            return;
        }
        AuthnStatement statement = statements.get(0);
        Instant sessionEnd = statement.sessionNotOnOrAfter();
        if (sessionEnd != null && c.hasPassed(sessionEnd)) {
            problems.add(Problem.mismatch(ErrorCode.SESSION_EXPIRED, "AuthnStatement SessionNotOnOrAfter has passed",
                    "after " + c.now().minus(c.skew()), sessionEnd, null));
        }
        Instant authnInstant = statement.authnInstant();
        if (authnInstant == null) {
            problems.add(Problem.of(ErrorCode.SAML_MESSAGE_MALFORMED, "AuthnStatement has no AuthnInstant"));
            return;
        }
        if (c.isInFuture(authnInstant)) {
            problems.add(Problem.mismatch(ErrorCode.ASSERTION_NOT_YET_VALID, "AuthnInstant is in the future",
                    "at most " + c.now().plus(c.skew()), authnInstant, "synchronise the clocks of IdP and SP"));
        }
        Duration maxAge = c.provider().config().validation().maxAuthenticationAge();
        if (maxAge != null && c.hasPassed(authnInstant.plus(maxAge))) {
            problems.add(Problem.mismatch(ErrorCode.AUTHENTICATION_TOO_OLD, "AuthnInstant is older than "
                    + "maxAuthenticationAge [" + maxAge + "]", "after " + c.now().minus(maxAge), authnInstant,
                    "set authnRequest.forceAuthn to true so the IdP re-authenticates the user"));
        }
    }
}
