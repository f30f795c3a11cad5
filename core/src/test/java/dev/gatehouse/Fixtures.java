package dev.gatehouse;

import dev.gatehouse.binding.Binding;
import dev.gatehouse.config.GatehouseConfig;
import dev.gatehouse.config.IdpSource;
import dev.gatehouse.config.ProviderConfig;
import dev.gatehouse.crypto.SpKey;
import dev.gatehouse.crypto.SpKeyRing;
import dev.gatehouse.metadata.Endpoint;
import dev.gatehouse.metadata.IdentityProviders.ActiveProvider;
import dev.gatehouse.metadata.IdpMetadata;
import dev.gatehouse.testkit.TestCredential;
import dev.gatehouse.testkit.TestIdp;
import java.net.URI;
import java.util.List;

/** Shared test values: one SP at http://app.test/ctx and the testkit IdP. */
public final class Fixtures {

    public static final String EXTERNAL_URL = "http://app.test/ctx";
    public static final String IDP_ENTITY_ID = "https://idp.test/metadata";
    public static final URI IDP_SSO = URI.create("https://idp.test/sso");
    public static final String ACS = EXTERNAL_URL + "/saml/acs/test";
    public static final String SP_ENTITY_ID = EXTERNAL_URL + "/saml/metadata/test";

    private Fixtures() {
    }

    public static TestIdp idp() {
        return TestIdp.create(IDP_ENTITY_ID, IDP_SSO);
    }

    public static ProviderConfig.Builder provider() {
        return ProviderConfig.builder("test").idp(new IdpSource.Fields(IDP_ENTITY_ID, IDP_SSO, Binding.HTTP_REDIRECT,
                null, List.of(TestCredential.idpSigning().certificate())));
    }

    /** An SP key from a testkit credential, for signing and encryption. */
    public static SpKey spKey(String name, TestCredential credential, boolean active) {
        return new SpKey(name, credential.privateKey(), credential.certificate(), true, true, active);
    }

    /** The key ring of the test SP's current key, for signing and encryption. */
    public static SpKeyRing currentSpKey() {
        return new SpKeyRing(List.of(spKey("sp-current", TestCredential.spCurrent(), true)));
    }

    public static GatehouseConfig config(ProviderConfig provider) {
        return GatehouseConfig.builder().externalUrl(EXTERNAL_URL).provider(provider).build();
    }

    public static ActiveProvider active(ProviderConfig provider) {
        return active(provider, List.of(TestCredential.idpSigning()));
    }

    public static ActiveProvider active(ProviderConfig provider, List<TestCredential> trusted) {
        GatehouseConfig config = config(provider);
        IdpMetadata idp = new IdpMetadata(IDP_ENTITY_ID, List.of(new Endpoint(Binding.HTTP_REDIRECT, IDP_SSO)),
                List.of(), trusted.stream().map(TestCredential::certificate).toList(), false, null);
        return new ActiveProvider(provider, config.serviceProvider(provider), idp);
    }
}
