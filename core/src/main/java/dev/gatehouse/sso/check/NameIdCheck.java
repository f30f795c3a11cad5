package dev.gatehouse.sso.check;

import dev.gatehouse.error.ErrorCode;
import dev.gatehouse.error.Problem;
import dev.gatehouse.sso.view.NameIdentifier;
import java.util.List;

/**
 * The Subject must identify the user with a non-empty NameID (saml-profiles-2.0-os 4.1.4.2); an EncryptedID was
 * already decrypted into {@link CheckContext#nameId()}.
 */
public final class NameIdCheck implements AssertionCheck {

    @Override
    public void check(CheckContext c, List<Problem> problems) {
        NameIdentifier nameId = c.nameId();
        if (nameId == null || nameId.value().isEmpty()) {
            problems.add(Problem.of(ErrorCode.NAMEID_MISSING, "The assertion's Subject has no NameID value"));
        }
    }
}
