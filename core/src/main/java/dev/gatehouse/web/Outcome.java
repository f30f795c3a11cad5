package dev.gatehouse.web;

import dev.gatehouse.identity.GatehousePrincipal;
import java.util.Objects;

/**
 * What the engine decided about one request; a container adapter only translates it. A closed set: the adapter
 * either lets the request through (anonymously or as a principal) or does nothing more because the response was
 * already written.
 */
public sealed interface Outcome {

    /** Let the request through without a user: the path is not protected. */
    record Anonymous() implements Outcome {
    }

    /** Let the request through as this user. */
    record Authenticated(GatehousePrincipal principal) implements Outcome {
        public Authenticated {
            Objects.requireNonNull(principal, "principal");
        }
    }

    /** The engine wrote the whole response; the adapter must not continue the request. */
    record ResponseSent(Reason reason) implements Outcome {
        public ResponseSent {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Why the engine answered the request itself. */
    enum Reason {
        /** A Gatehouse endpoint produced its content (metadata, chooser page, bounce page). */
        ENDPOINT,
        /** The user must sign in: a redirect or form to the IdP, or a 401 for a non-browser client. */
        CHALLENGE,
        /** The user signed in and is redirected to the page they asked for. */
        SIGNED_IN,
        /** The request was refused with an error page. */
        REJECTED
    }

    /** The anonymous outcome. */
    Outcome ANONYMOUS = new Anonymous();
}
