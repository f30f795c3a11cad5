package dev.gatehouse.config;

import dev.gatehouse.binding.Binding;
import java.util.List;
import java.util.Set;

/**
 * What Gatehouse asks for in its AuthnRequest (saml-core-2.0-os 3.4.1).
 *
 * @param forceAuthn ask the IdP to re-authenticate the user even with a session
 * @param passive ask the IdP not to interact with the user (IsPassive)
 * @param nameIdFormat the NameIDPolicy Format, or null to let the IdP choose
 * @param allowCreate the NameIDPolicy AllowCreate attribute
 * @param authnContextClassRefs RequestedAuthnContext class references; empty for none
 * @param authnContextComparison exact, minimum, maximum or better
 * @param binding the binding to send the request with, or null to pick HTTP-Redirect when the IdP offers it and
 *     HTTP-POST otherwise
 */
public record AuthnRequestOptions(boolean forceAuthn, boolean passive, String nameIdFormat, boolean allowCreate,
        List<String> authnContextClassRefs, String authnContextComparison, Binding binding) {

    /** The allowed values of authnContextComparison. */
    public static final Set<String> COMPARISONS = Set.of("exact", "minimum", "maximum", "better");

    public AuthnRequestOptions {
        authnContextClassRefs = List.copyOf(authnContextClassRefs);
        if (!COMPARISONS.contains(authnContextComparison)) {
            throw new IllegalArgumentException("authnContextComparison must be one of " + COMPARISONS);
        }
    }

    /** No ForceAuthn, not passive, no NameID format, AllowCreate true, no requested context, automatic binding. */
    public static AuthnRequestOptions defaults() {
        return new AuthnRequestOptions(false, false, null, true, List.of(), "exact", null);
    }
}
