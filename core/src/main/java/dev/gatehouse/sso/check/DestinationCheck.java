package dev.gatehouse.sso.check;

import dev.gatehouse.error.ErrorCode;
import dev.gatehouse.error.Problem;
import java.util.List;

/**
 * The Response Destination must be this provider's ACS URL, as built from externalURL; a signed Response must
 * carry one (saml-bindings-2.0-os 3.5.5.2). Compared as exact strings: the IdP must send what the SP published.
 */
public final class DestinationCheck implements AssertionCheck {

    @Override
    public void check(CheckContext c, List<Problem> problems) {
        String destination = c.response().destination();
        if (destination == null) {
            if (c.responseSigned()) {
                problems.add(Problem.mismatch(ErrorCode.DESTINATION_MISMATCH, "Signed Response has no Destination",
                        c.acsUrl(), null, "configure the IdP with the ACS URL from this SP's metadata"));
            }
            return;
        }
        if (!destination.equals(c.acsUrl())) {
            problems.add(Problem.mismatch(ErrorCode.DESTINATION_MISMATCH, "Destination mismatch", c.acsUrl(),
                    destination, "set the ACS URL at the IdP to [" + c.acsUrl() + "], or fix externalURL if this SP "
                            + "is reached under another address (reverse proxy, context path)"));
        }
    }
}
