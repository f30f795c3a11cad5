package dev.gatehouse.binding;

import java.util.Arrays;
import java.util.Optional;

/** The SAML 2.0 bindings Gatehouse speaks (saml-bindings-2.0-os sections 3.4 and 3.5). */
public enum Binding {
    /** HTTP-Redirect: DEFLATE + base64 in the query string. */
    HTTP_REDIRECT("urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"),
    /** HTTP-POST: base64 in an auto-submitted HTML form. */
    HTTP_POST("urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST");

    private final String uri;

    Binding(String uri) {
        this.uri = uri;
    }

    /** The binding's URI as used in metadata. */
    public String uri() {
        return uri;
    }

    /** The binding for a metadata URI, if it is one Gatehouse speaks. */
    public static Optional<Binding> fromUri(String uri) {
        return Arrays.stream(values()).filter(b -> b.uri.equals(uri)).findFirst();
    }
}
