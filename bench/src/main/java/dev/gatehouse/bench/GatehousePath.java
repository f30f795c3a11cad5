package dev.gatehouse.bench;

import dev.gatehouse.binding.PostBinding;
import dev.gatehouse.config.GatehouseConfig;
import dev.gatehouse.config.MessageLimits;
import dev.gatehouse.config.ProviderConfig;
import dev.gatehouse.crypto.SignatureVerifier;
import dev.gatehouse.crypto.SpKey;
import dev.gatehouse.crypto.SpKeyRing;
import dev.gatehouse.identity.AttributeMapper;
import dev.gatehouse.identity.GatehousePrincipal;
import dev.gatehouse.internal.OpenSamlBootstrap;
import dev.gatehouse.internal.SecureXml;
import dev.gatehouse.metadata.IdentityProviders;
import dev.gatehouse.metadata.IdentityProviders.ActiveProvider;
import dev.gatehouse.metadata.MetadataLoader;
import dev.gatehouse.sso.AcceptedResponse;
import dev.gatehouse.sso.ResponseValidator;
import dev.gatehouse.state.InMemoryReplayCache;
import dev.gatehouse.state.InMemoryRequestStateStore;
import dev.gatehouse.testkit.TestCredential;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Gatehouse's full ACS path without HTTP: the POST binding's decode (with the size limit), {@link ResponseValidator}
 * (secure parse, structure and hygiene checks, signature verification against the configured key, every profile
 * check, decryption), the attribute mapping, and the commit into the replay cache, as {@code SamlEndpoints.acs}
 * does them. Unsolicited responses (no pending request). Not thread-safe: one per benchmark thread.
 */
public final class GatehousePath implements ValidationPath {

    private final ActiveProvider provider;
    private final Clock clock = Clock.fixed(Samples.issuedAt().plusSeconds(1), ZoneOffset.UTC);
    private final AttributeMapper mapper = new AttributeMapper();
    private final MessageLimits limits = MessageLimits.DEFAULTS;
    private ResponseValidator validator;

    public GatehousePath() {
        OpenSamlBootstrap.ensureInitialized();
        ProviderConfig config = BenchWebapp.provider(TestCredential.idpSigning().certificate())
                .keys(new SpKeyRing(List.of(new SpKey("sp", TestCredential.spCurrent().privateKey(),
                        TestCredential.spCurrent().certificate(), true, true, true))))
                .build();
        GatehouseConfig gatehouse = GatehouseConfig.builder().externalUrl("https://app.example.com/app")
                .provider(config).build();
        this.provider = new IdentityProviders(gatehouse, MetadataLoader.withDefaults(clock), clock).active(BenchWebapp.PROVIDER);
        resetReplayCache();
    }

    /**
     * A fresh replay cache: the benchmark cycles through a finite set of responses and starts a new cache when it
     * wraps around, so every measured validation is a first use.
     */
    public void resetReplayCache() {
        this.validator = new ResponseValidator(SecureXml.forMessages(limits.maxXmlDepth()), new SignatureVerifier(),
                new InMemoryRequestStateStore(clock), new InMemoryReplayCache(clock), limits);
    }

    @Override
    public String validate(String base64) {
        byte[] message = PostBinding.decode(base64, limits.maxMessageSize());
        Instant now = clock.instant();
        AcceptedResponse accepted = validator.validate(new ResponseValidator.Input(message, provider, null, now));
        GatehousePrincipal user = mapper.map(accepted.assertion(), provider.config());
        accepted.commit();
        return user.getName();
    }
}
