package dev.gatehouse.sso;

import dev.gatehouse.error.ErrorCode;
import dev.gatehouse.error.SamlRejection;
import dev.gatehouse.state.ReplayCache;
import dev.gatehouse.state.RequestStateStore;
import java.time.Instant;

/**
 * A Response that passed every rule but has not changed any state yet. The caller applies its own last checks
 * (such as {@code allowGroups}) and then calls {@link #commit()}, which consumes the pending AuthnRequest and records
 * the assertion ID; so a Response refused at any step, including the caller's, leaves the request store and the
 * replay cache as they were. Use once, on one thread.
 */
public final class AcceptedResponse {

    private final VerifiedAssertion assertion;
    private final RequestStateStore requests;
    private final ReplayCache replays;
    private final String replayKey;
    private final Instant replayExpiry;
    private boolean committed;

    AcceptedResponse(VerifiedAssertion assertion, RequestStateStore requests, ReplayCache replays, String replayKey,
            Instant replayExpiry) {
        this.assertion = assertion;
        this.requests = requests;
        this.replays = replays;
        this.replayKey = replayKey;
        this.replayExpiry = replayExpiry;
    }

    /** What the verified assertion says. */
    public VerifiedAssertion assertion() {
        return assertion;
    }

    /**
     * Consumes the pending request (first, atomically: of two concurrent answers only one gets past it) and records
     * the assertion as used.
     *
     * @throws SamlRejection {@link ErrorCode#IN_RESPONSE_TO_UNKNOWN} when the request was answered meanwhile,
     *     {@link ErrorCode#ASSERTION_REPLAYED} when the assertion was used before
     */
    public void commit() {
        if (committed) {
            throw new IllegalStateException("already committed");
        }
        committed = true;
        if (assertion.inResponseTo() != null && !requests.remove(assertion.inResponseTo())) {
            throw SamlRejection.of(ErrorCode.IN_RESPONSE_TO_UNKNOWN, "AuthnRequest [" + assertion.inResponseTo()
                    + "] was answered concurrently or expired during validation");
        }
        if (!replays.firstUse(replayKey, replayExpiry)) {
            throw SamlRejection.of(ErrorCode.ASSERTION_REPLAYED, "Assertion [" + assertion.assertionId() + "] from ["
                    + assertion.issuer() + "] was already used");
        }
    }
}
