package dev.gatehouse.slo;

import dev.gatehouse.binding.RedirectMessage;
import dev.gatehouse.metadata.IdentityProviders.ActiveProvider;
import java.time.Instant;
import java.util.Objects;

/**
 * A logout message as it arrived at a SingleLogoutService.
 *
 * @param xml the decoded message
 * @param redirect the Redirect-binding form (for its detached signature), or null when it came by HTTP-POST
 * @param provider the provider whose SLS received it
 * @param now the current time
 */
public record LogoutInput(byte[] xml, RedirectMessage redirect, ActiveProvider provider, Instant now) {
    public LogoutInput {
        Objects.requireNonNull(xml, "xml");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(now, "now");
    }
}
