package dev.gatehouse.metadata;

import dev.gatehouse.binding.Binding;
import java.net.URI;
import java.util.Objects;

/**
 * A SAML endpoint from metadata: a binding, a location, and for logout services the optional ResponseLocation
 * (saml-metadata-2.0-os 2.2.2).
 *
 * @param binding the binding
 * @param location where requests go
 * @param responseLocation where responses go, or null for the same location
 */
public record Endpoint(Binding binding, URI location, URI responseLocation) {
    public Endpoint {
        Objects.requireNonNull(binding, "binding");
        Objects.requireNonNull(location, "location");
    }

    /** An endpoint without a separate ResponseLocation. */
    public Endpoint(Binding binding, URI location) {
        this(binding, location, null);
    }

    /** Where a response to a request received from this endpoint's owner goes. */
    public URI responseTarget() {
        return responseLocation != null ? responseLocation : location;
    }
}
