package dev.gatehouse.metadata;

import dev.gatehouse.binding.Binding;
import java.net.URI;
import java.util.Objects;

/**
 * A SAML endpoint from metadata: a binding and a location.
 *
 * @param binding the binding
 * @param location where messages go
 */
public record Endpoint(Binding binding, URI location) {
    public Endpoint {
        Objects.requireNonNull(binding, "binding");
        Objects.requireNonNull(location, "location");
    }
}
