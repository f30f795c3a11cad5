package dev.gatehouse.metadata;

import dev.gatehouse.config.GatehouseConfig;
import dev.gatehouse.config.ProviderConfig;
import dev.gatehouse.config.ServiceProviderConfig;
import dev.gatehouse.error.ErrorCode;
import dev.gatehouse.error.SamlRejection;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configured providers with their loaded IdP metadata. A provider whose metadata could not be loaded at
 * startup stays configured but unavailable: its endpoints answer {@code provider_unavailable}, and the next request
 * for it retries the load (at most every {@link #RETRY_INTERVAL}). Thread-safe.
 */
public final class IdentityProviders {

    /** How long to wait between two attempts to load an unavailable provider's metadata. */
    public static final Duration RETRY_INTERVAL = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(IdentityProviders.class);

    /** A provider whose IdP metadata is loaded: everything needed to talk to it. */
    public record ActiveProvider(ProviderConfig config, ServiceProviderConfig serviceProvider, IdpMetadata idp) {
    }

    private final Map<String, Slot> slots = new LinkedHashMap<>();
    private final MetadataLoader loader;
    private final Clock clock;

    /** Loads every provider's metadata now, logging (not throwing) failures. */
    public IdentityProviders(GatehouseConfig config, MetadataLoader loader, Clock clock) {
        this.loader = loader;
        this.clock = clock;
        for (ProviderConfig provider : config.providers()) {
            Slot slot = new Slot(provider, config.serviceProvider(provider));
            slots.put(provider.id(), slot);
            slot.load();
        }
    }

    /** The configured provider ids, in configuration order. */
    public List<String> ids() {
        return List.copyOf(slots.keySet());
    }

    /** The configuration of a provider, loaded or not. */
    public Optional<ProviderConfig> config(String id) {
        return Optional.ofNullable(slots.get(id)).map(s -> s.config);
    }

    /**
     * The provider, with its metadata.
     *
     * @throws SamlRejection {@link ErrorCode#PROVIDER_UNKNOWN} or {@link ErrorCode#PROVIDER_UNAVAILABLE}
     */
    public ActiveProvider active(String id) {
        Slot slot = slots.get(id);
        if (slot == null) {
            throw SamlRejection.of(ErrorCode.PROVIDER_UNKNOWN, "No provider with id [" + id + "] is configured; "
                    + "configured are " + slots.keySet());
        }
        return slot.active();
    }

    private final class Slot {
        final ProviderConfig config;
        final ServiceProviderConfig sp;
        volatile ActiveProvider active;
        volatile String failure;
        volatile Instant lastAttempt = Instant.MIN;

        Slot(ProviderConfig config, ServiceProviderConfig sp) {
            this.config = config;
            this.sp = sp;
        }

        ActiveProvider active() {
            ActiveProvider current = active;
            if (current != null) {
                return current;
            }
            synchronized (this) {
                if (active == null && lastAttempt.plus(RETRY_INTERVAL).isBefore(clock.instant())) {
                    load();
                }
            }
            if (active == null) {
                throw SamlRejection.of(ErrorCode.PROVIDER_UNAVAILABLE, "Provider [" + config.id() + "] is "
                        + "unavailable: " + failure);
            }
            return active;
        }

        synchronized void load() {
            lastAttempt = clock.instant();
            try {
                IdpMetadata idp = loader.load(config.idp());
                active = new ActiveProvider(config, sp, idp);
                failure = null;
                describe(idp);
            } catch (MetadataException | RuntimeException e) {
                failure = e.getMessage();
                LOG.error("Gatehouse provider [{}] is unavailable: {} It will be retried when someone signs in "
                        + "with it (at most every {}s).", config.id(), e.getMessage(), RETRY_INTERVAL.toSeconds());
            }
        }

        private void describe(IdpMetadata idp) {
            LOG.info("Gatehouse provider [{}]: IdP [{}] from {}; SSO {}; {} signing certificate(s); SP entity ID [{}],"
                            + " ACS [{}]", config.id(), idp.entityId(), config.idp().describe(),
                    idp.singleSignOnServices(), idp.signingCertificates().size(), sp.entityId(),
                    sp.assertionConsumerServiceUrl());
            if (idp.wantAuthnRequestsSigned() && (config.keys().activeSigningKey().isEmpty()
                    || Boolean.FALSE.equals(config.keyOptions().signAuthnRequests()))) {
                LOG.warn("Gatehouse provider [{}]: the IdP's metadata says WantAuthnRequestsSigned=\"true\" but "
                        + "AuthnRequests go unsigned ({}); the IdP will probably refuse them", config.id(),
                        config.keys().activeSigningKey().isEmpty() ? "add a signing key under keys"
                                : "signAuthnRequests is false");
            }
            Instant now = clock.instant();
            for (X509Certificate c : idp.signingCertificates()) {
                String weakness = config.algorithmPolicy().weakness(c.getPublicKey());
                if (weakness != null) {
                    LOG.warn("Gatehouse provider [{}]: IdP signing certificate [{}] holds a key the algorithm policy "
                            + "refuses ({}); signatures are not checked against it", config.id(),
                            c.getSubjectX500Principal().getName(), weakness);
                }
                Instant notAfter = c.getNotAfter().toInstant();
                if (notAfter.isBefore(now)) {
                    LOG.warn("Gatehouse provider [{}]: IdP signing certificate [{}] expired on [{}]. Signatures are "
                            + "still checked against its key; ask the IdP admin to roll the key over.", config.id(),
                            c.getSubjectX500Principal().getName(), notAfter);
                } else if (notAfter.isBefore(now.plus(Duration.ofDays(30)))) {
                    LOG.warn("Gatehouse provider [{}]: IdP signing certificate [{}] expires on [{}]; add the IdP's "
                            + "next certificate before then.", config.id(), c.getSubjectX500Principal().getName(),
                            notAfter);
                }
            }
        }
    }
}
