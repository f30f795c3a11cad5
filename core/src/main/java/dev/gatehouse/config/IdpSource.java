package dev.gatehouse.config;

import dev.gatehouse.binding.Binding;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Where a provider's asserting party (IdP) description comes from: exactly one of a metadata URL, inline metadata
 * XML, or individual fields (as in Sentry's three ways to register an IdP).
 */
public sealed interface IdpSource {

    /** Human-readable origin for log lines, never containing secrets. */
    String describe();

    /**
     * Metadata fetched over HTTP(S) at startup.
     *
     * @param url the metadata URL; https unless {@code allowInsecure} or a loopback host
     * @param entityId which entity to use when the document holds several, else null
     * @param timeout connect and read timeout
     * @param allowInsecure whether plain http to a non-loopback host was explicitly allowed
     */
    record MetadataUrl(URI url, String entityId, Duration timeout, boolean allowInsecure) implements IdpSource {
        public MetadataUrl {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(timeout, "timeout");
        }

        @Override
        public String describe() {
            return "metadata URL [" + url + "]";
        }
    }

    /**
     * Metadata XML pasted into the configuration.
     *
     * @param xml the EntityDescriptor or EntitiesDescriptor
     * @param entityId which entity to use when the document holds several, else null
     */
    record InlineMetadata(String xml, String entityId) implements IdpSource {
        public InlineMetadata {
            Objects.requireNonNull(xml, "xml");
        }

        @Override
        public String describe() {
            return "inline metadata";
        }
    }

    /**
     * The IdP described field by field.
     *
     * @param entityId the IdP's entityID (the Issuer of its responses)
     * @param ssoUrl the SingleSignOnService location
     * @param ssoBinding the binding that location speaks
     * @param sloUrl the SingleLogoutService location, or null
     * @param sloBinding the binding that location speaks
     * @param certificates the signing certificates, at least one
     */
    record Fields(String entityId, URI ssoUrl, Binding ssoBinding, URI sloUrl, Binding sloBinding,
            List<X509Certificate> certificates) implements IdpSource {
        public Fields {
            Objects.requireNonNull(entityId, "entityId");
            Objects.requireNonNull(ssoUrl, "ssoUrl");
            Objects.requireNonNull(ssoBinding, "ssoBinding");
            Objects.requireNonNull(sloBinding, "sloBinding");
            certificates = List.copyOf(certificates);
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException("at least one IdP certificate is required");
            }
        }

        /** Fields without single logout, or with HTTP-Redirect single logout. */
        public Fields(String entityId, URI ssoUrl, Binding ssoBinding, URI sloUrl, List<X509Certificate> certificates) {
            this(entityId, ssoUrl, ssoBinding, sloUrl, Binding.HTTP_REDIRECT, certificates);
        }

        @Override
        public String describe() {
            return "identityProvider fields (entityId [" + entityId + "])";
        }
    }
}
