package dev.gatehouse.slo;

import java.util.List;

/**
 * An IdP-initiated LogoutRequest that passed every check.
 *
 * @param id its ID (the InResponseTo of the answer)
 * @param nameId whose sessions to end
 * @param sessionIndexes which IdP sessions; empty means all of that user's sessions at this provider
 */
public record VerifiedLogoutRequest(String id, String nameId, List<String> sessionIndexes) {
    public VerifiedLogoutRequest {
        sessionIndexes = List.copyOf(sessionIndexes);
    }
}
