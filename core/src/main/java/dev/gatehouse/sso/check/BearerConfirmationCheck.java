package dev.gatehouse.sso.check;

import dev.gatehouse.error.ErrorCode;
import dev.gatehouse.error.Problem;
import dev.gatehouse.sso.view.AssertionView.Confirmation;
import dev.gatehouse.sso.view.AssertionView.ConfirmationData;
import dev.gatehouse.sso.view.AssertionView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * At least one bearer SubjectConfirmation must be valid now (saml-profiles-2.0-os 4.1.4.2-4.1.4.3): its
 * SubjectConfirmationData has a Recipient equal to this ACS URL, a NotOnOrAfter that has not passed, no NotBefore
 * in the future, and an InResponseTo equal to the request being answered (absent only when unsolicited). When
 * none is valid, the problems of the first bearer confirmation are reported.
 */
public final class BearerConfirmationCheck implements AssertionCheck {

    @Override
    public void check(CheckContext c, List<Problem> problems) {
        AssertionView.Subject subject = c.assertion().subject();
        List<Confirmation> bearers = subject == null ? List.of() : subject.bearers();
        if (bearers.isEmpty()) {
            problems.add(Problem.of(ErrorCode.SUBJECT_CONFIRMATION_INVALID, "The assertion has no SubjectConfirmation "
                    + "with Method [" + AssertionView.BEARER + "]"));
            return;
        }
        List<Problem> firstFailures = null;
        for (Confirmation bearer : bearers) {
            List<Problem> failures = evaluate(c, bearer.data());
            if (failures.isEmpty()) {
                return;
            }
            if (firstFailures == null) {
                firstFailures = failures;
            }
        }
        problems.addAll(firstFailures);
    }

    private static List<Problem> evaluate(CheckContext c, ConfirmationData data) {
        List<Problem> failures = new ArrayList<>();
        if (data == null) {
            failures.add(Problem.of(ErrorCode.SUBJECT_CONFIRMATION_INVALID, "The bearer SubjectConfirmation has no "
                    + "SubjectConfirmationData"));
            return failures;
        }
        String recipient = data.recipient();
        if (recipient == null || !recipient.equals(c.acsUrl())) {
            failures.add(Problem.mismatch(ErrorCode.RECIPIENT_MISMATCH, "SubjectConfirmationData Recipient mismatch",
                    c.acsUrl(), recipient, "set the ACS URL / Recipient at the IdP to [" + c.acsUrl() + "]"));
        }
        Instant notOnOrAfter = data.notOnOrAfter();
        if (notOnOrAfter == null) {
            failures.add(Problem.of(ErrorCode.SUBJECT_CONFIRMATION_INVALID, "The bearer SubjectConfirmationData has "
                    + "no NotOnOrAfter"));
        } else if (c.hasPassed(notOnOrAfter)) {
            failures.add(Problem.mismatch(ErrorCode.SUBJECT_CONFIRMATION_INVALID, "SubjectConfirmationData "
                    + "NotOnOrAfter has passed", "after " + c.now().minus(c.skew()), notOnOrAfter,
                    "sign in again; if this repeats, synchronise the clocks of IdP and SP"));
        }
        Instant notBefore = data.notBefore();
        if (notBefore != null && c.isInFuture(notBefore)) {
            failures.add(Problem.mismatch(ErrorCode.SUBJECT_CONFIRMATION_INVALID, "SubjectConfirmationData NotBefore "
                    + "is in the future", "at most " + c.now().plus(c.skew()), notBefore, null));
        }
        String inResponseTo = data.inResponseTo();
        if (c.inResponseTo() != null ? !c.inResponseTo().equals(inResponseTo) : inResponseTo != null) {
            // profiles 4.1.4.2: answering an AuthnRequest, the (signed) bearer confirmation MUST carry its ID, so an
            // unsolicited assertion cannot be passed off as an answer by an unsigned Response envelope.
            failures.add(Problem.mismatch(ErrorCode.IN_RESPONSE_TO_MISMATCH, "SubjectConfirmationData InResponseTo "
                    + "does not match the request answered", c.inResponseTo(), inResponseTo, null));
        }
        return failures;
    }
}
