package dev.gatehouse.sso.check;

import dev.gatehouse.error.Problem;
import java.util.List;

/**
 * One rule of the web browser SSO profile, applied to a Response whose signature has been verified. A check adds
 * the problems it finds and never throws for a rule violation, so that all failures of a response are reported
 * together. Implementations are stateless and thread-safe.
 */
public interface AssertionCheck {

    /** Adds a {@link dev.gatehouse.error.Problem} to {@code problems} for every violation. */
    void check(CheckContext context, List<Problem> problems);
}
