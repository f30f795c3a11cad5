package dev.gatehouse.sso.check;

import dev.gatehouse.error.ErrorCode;
import dev.gatehouse.error.Problem;
import java.util.List;
import org.opensaml.saml.saml2.core.NameID;
import org.opensaml.saml.saml2.core.Subject;

/** The Subject must identify the user with a non-empty NameID (saml-profiles-2.0-os 4.1.4.2). */
public final class NameIdCheck implements AssertionCheck {

    @Override
    public void check(CheckContext c, List<Problem> problems) {
        Subject subject = c.assertion().getSubject();
        if (subject != null && subject.getEncryptedID() != null) {
            problems.add(new Problem(ErrorCode.ENCRYPTED_ASSERTION_UNSUPPORTED, "The NameID is encrypted "
                    + "(EncryptedID) but no SP decryption key is configured", "turn off NameID encryption at the IdP"));
            return;
        }
        NameID nameId = subject == null ? null : subject.getNameID();
        if (nameId == null || nameId.getDOM() == null || nameId.getDOM().getTextContent().isBlank()) {
            problems.add(Problem.of(ErrorCode.NAMEID_MISSING, "The assertion's Subject has no NameID value"));
        }
    }
}
