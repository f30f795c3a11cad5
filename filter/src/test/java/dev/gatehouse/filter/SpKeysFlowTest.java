package dev.gatehouse.filter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.binding.Binding;
import dev.gatehouse.config.GatehouseConfig;
import dev.gatehouse.config.IdpSource;
import dev.gatehouse.config.KeyOptions;
import dev.gatehouse.config.PathRules;
import dev.gatehouse.config.ProviderConfig;
import dev.gatehouse.crypto.SpKey;
import dev.gatehouse.crypto.SpKeyRing;
import dev.gatehouse.testkit.Browser;
import dev.gatehouse.testkit.Encryption;
import dev.gatehouse.testkit.JettyServer;
import dev.gatehouse.testkit.Page;
import dev.gatehouse.testkit.ServiceProviderRegistration;
import dev.gatehouse.testkit.TestCredential;
import dev.gatehouse.testkit.TestIdpServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SP keys over real HTTP (issue 5), with a test IdP that learns the SP from its metadata, refuses unsigned or
 * badly signed requests, verifies signatures with its own code, and encrypts the assertion, the NameID and the
 * attributes: signed AuthnRequests over both bindings, signing by default when the IdP metadata asks for it, signed
 * logout in both directions, every allowed encryption algorithm combination, and a key rollover on both sides
 * without a single failed login.
 */
class SpKeysFlowTest {

    private static final SpKey CURRENT = key("sp-current", TestCredential.spCurrent(), true);
    private static final SpKey NEXT = key("sp-next", TestCredential.spNext(), false);

    private static TestIdpServer idp;
    private static JettyServer app;
    private static ServletContextHandler context;
    private static String base;

    private static SpKey key(String name, TestCredential credential, boolean active) {
        return new SpKey(name, credential.privateKey(), credential.certificate(), true, true, active);
    }

    @BeforeAll
    static void start() {
        idp = TestIdpServer.start();
        app = JettyServer.start("localhost");
        base = app.baseUrl() + "/app";
        deployStandard();
    }

    /** The four providers every test but the rollover uses, registered at the IdP from their metadata. */
    private static void deployStandard() {
        SpKeyRing keys = new SpKeyRing(List.of(CURRENT));
        KeyOptions signAndEncrypt = new KeyOptions(true, false, true, false, KeyOptions.DEFAULT_MIN_RSA_KEY_SIZE);
        deploy(List.of(
                provider("redirect", Binding.HTTP_REDIRECT, keys, signAndEncrypt),
                provider("post", Binding.HTTP_POST, keys, signAndEncrypt),
                FilterHarness.providerFor("wants", idp).keys(keys).idp(new IdpSource.InlineMetadata(
                        idp.idp().metadataXml(List.of(idp.idp().credential()), true), null)).build(),
                provider("unsigned", Binding.HTTP_REDIRECT, keys, new KeyOptions(false, false, false, false, 2048))));
        for (String id : List.of("redirect", "post", "wants", "unsigned")) {
            registerFromMetadata(id, true, Encryption.assertionTo(TestCredential.spCurrent().certificate())
                    .withParts(true, true, true));
        }
    }

    private static ProviderConfig provider(String id, Binding binding, SpKeyRing keys, KeyOptions options) {
        return FilterHarness.providerFor(id, idp).keys(keys).keyOptions(options).idp(new IdpSource.Fields(
                idp.idp().entityId(), idp.idp().ssoUrl(), binding, idp.idp().sloUrl(), binding,
                List.of(idp.idp().credential().certificate()))).build();
    }

    private static void deploy(List<ProviderConfig> providers) {
        if (context != null) {
            app.undeploy(context);
        }
        GatehouseConfig.Builder config = GatehouseConfig.builder().externalUrl(base)
                .protectedPaths(new PathRules(List.of("/*"), List.of("/public"))).logoutReturnTo("/public");
        providers.forEach(config::provider);
        ServletContextHandler handler = new ServletContextHandler("/app", ServletContextHandler.SESSIONS);
        handler.addFilter(new org.eclipse.jetty.ee10.servlet.FilterHolder(new GatehouseFilter(config.build())), "/*",
                java.util.EnumSet.of(jakarta.servlet.DispatcherType.REQUEST));
        FilterHarness.addServlets(handler);
        context = app.deploy(handler);
    }

    /** What an IdP admin does: download the SP metadata, import it, choose encryption. */
    private static ServiceProviderRegistration registerFromMetadata(String id, boolean requireSigned,
            Encryption encryption) {
        Page metadata = new Browser().get(base + "/saml/metadata/" + id);
        assertThat(metadata.status()).isEqualTo(200);
        ServiceProviderRegistration registration = ServiceProviderRegistration.fromMetadata(metadata.body())
                .withRequireSignedRequests(requireSigned).withEncryption(encryption);
        idp.servlet().registerServiceProvider(registration);
        return registration;
    }

    @AfterEach
    void resetIdp() {
        idp.customize(null);
    }

    @AfterAll
    static void stop() {
        app.close();
        idp.close();
    }

    private static Page signIn(Browser browser, String provider, String user) {
        return browser.submit(browser.get(base + "/saml/login/" + provider + "?returnTo=/app/whoami"),
                Map.of("user", user));
    }

    private static void assertSignedIn(Page page, String user) {
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).contains("user=" + user + "@example.com");
    }

    @Test
    void aSignedRedirectAuthnRequestVerifiesAtTheIdpAndTheEncryptedAnswerSignsTheUserIn() {
        Page page = signIn(new Browser(), "redirect", "alice");
        assertSignedIn(page, "alice");
        assertThat(idp.servlet().lastRequestSignature()).isEqualTo("redirect-query");
        assertThat(page.body()).as("roles from the encrypted groups attribute").contains("admin=true");
    }

    @Test
    void aSignedPostAuthnRequestVerifiesAtTheIdp() {
        Browser browser = new Browser();
        Page page = signIn(browser, "post", "bob");
        assertSignedIn(page, "bob");
        assertThat(idp.servlet().lastRequestSignature()).isEqualTo("post-enveloped");
        String posted = browser.history().stream().filter(p -> p.isAutoSubmit() && p.body().contains("SAMLRequest"))
                .map(p -> p.html().selectFirst("input[name=SAMLRequest]").val()).findFirst().orElseThrow();
        assertThat(new String(java.util.Base64.getDecoder().decode(posted), java.nio.charset.StandardCharsets.UTF_8))
                .contains("<ds:Signature", "<ds:X509Certificate>");
    }

    @Test
    void requestsAreSignedByDefaultWhenTheIdpMetadataWantsIt() {
        assertSignedIn(signIn(new Browser(), "wants", "alice"), "alice");
        assertThat(idp.servlet().lastRequestSignature()).isEqualTo("redirect-query");
    }

    @Test
    void theIdpRefusesAnUnsignedRequestWhenItRequiresSignatures() {
        Page page = new Browser().get(base + "/saml/login/unsigned");
        assertThat(page.status()).isEqualTo(403);
        assertThat(page.body()).contains("The IdP refused the AuthnRequest", "not signed");
        assertThat(idp.servlet().lastRequestSignature()).isEqualTo("none");
    }

    @Test
    void theIdpRefusesARequestSignedWithAKeyMissingFromTheSpMetadata() {
        ServiceProviderRegistration registration = registerFromMetadata("redirect", true, null);
        idp.servlet().registerServiceProvider(new ServiceProviderRegistration(registration.entityId(),
                registration.acsUrl(), registration.slsUrl(), List.of(TestCredential.spNext().certificate()),
                registration.encryptionCertificates(), true, null));
        try {
            Page page = new Browser().get(base + "/saml/login/redirect");
            assertThat(page.status()).isEqualTo(403);
            assertThat(page.body()).contains("does not verify");
        } finally {
            registerFromMetadata("redirect", true, Encryption.assertionTo(TestCredential.spCurrent().certificate())
                    .withParts(true, true, true));
        }
    }

    @Test
    void signedLogoutInBothDirectionsVerifiesAtTheIdp() {
        for (String provider : List.of("redirect", "post")) {
            Browser alice = new Browser();
            assertSignedIn(signIn(alice, provider, "alice"), "alice");
            Page confirm = alice.get(base + "/saml/logout");
            Page done = alice.submit(confirm, "#logout", Map.of());
            assertThat(done.url().toString()).as(provider).isEqualTo(base + "/public");
            assertThat(idp.servlet().lastLogoutSignature()).as(provider).isEqualTo(
                    provider.equals("redirect") ? "redirect-query" : "post-enveloped");
            assertThat(idp.servlet().lastLogoutRequest().getNameID().getValue()).isEqualTo("alice@example.com");
        }
        Browser bob = new Browser();
        Page signedIn = signIn(bob, "redirect", "bob");
        String index = SingleSignOnFlowTest.value(signedIn.body(), "sessionIndex");
        Page answered = new Browser().get(idp.idp().logoutRequest().to(base + "/saml/sls/redirect")
                .nameId("bob@example.com").sessionIndex(index).redirectUrl(null).toString());
        assertThat(answered.status()).as(answered.body()).isEqualTo(200);
        assertThat(idp.servlet().lastLogoutSignature()).as("the SP's LogoutResponse").isEqualTo("redirect-query");
        assertThat(SingleSignOnFlowTest.value(bob.get(base + "/public").body(), "user")).isEqualTo("null");
    }

    static Stream<Arguments> allowedCombinations() {
        List<Arguments> all = new ArrayList<>();
        for (String content : Encryption.ALLOWED_CONTENT) {
            all.add(Arguments.of(content, Encryption.RSA_OAEP_MGF1P, null, null));
            all.add(Arguments.of(content, Encryption.RSA_OAEP_MGF1P, Encryption.SHA256, null));
            all.add(Arguments.of(content, Encryption.RSA_OAEP_11, Encryption.SHA1, Encryption.MGF1_SHA1));
            all.add(Arguments.of(content, Encryption.RSA_OAEP_11, Encryption.SHA256, Encryption.MGF1_SHA256));
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} / {1} / {2} / {3}")
    @MethodSource("allowedCombinations")
    void everyAllowedAlgorithmCombinationSignsInOverHttp(String content, String transport, String digest,
            String mgf) {
        idp.customize(r -> r.encrypt(Encryption.assertionTo(TestCredential.spCurrent().certificate())
                .withAlgorithms(content, transport, digest, mgf).withParts(true, true, true)));
        Page page = signIn(new Browser(), "redirect", "alice");
        assertSignedIn(page, "alice");
        assertThat(page.body()).contains("admin=true");
    }

    @Test
    void spAndIdpKeysRollOverWithoutAFailedLogin() {
        TestCredential oldIdp = idp.idp().credential();
        TestCredential newIdp = TestCredential.idpRollover();
        Encryption toCurrent = Encryption.assertionTo(TestCredential.spCurrent().certificate()).withParts(true, true,
                true);
        Encryption toNext = toCurrent.withRecipient(TestCredential.spNext().certificate());
        KeyOptions options = new KeyOptions(true, false, true, false, KeyOptions.DEFAULT_MIN_RSA_KEY_SIZE);
        try {
            // 1. the SP publishes its next key beside the current one; the SP trusts both IdP certificates
            deploy(List.of(rolloverProvider(List.of(CURRENT, NEXT), List.of(oldIdp, newIdp), options)));
            ServiceProviderRegistration both = registerFromMetadata("redirect", true, toCurrent);
            assertThat(both.signingCertificates()).containsExactly(TestCredential.spCurrent().certificate(),
                    TestCredential.spNext().certificate());
            assertSignedIn(signIn(new Browser(), "redirect", "alice"), "alice");
            // 2. the IdP starts encrypting to the next key and signing with its own next key
            registerFromMetadata("redirect", true, toNext);
            idp.customize(r -> r.signWith(newIdp));
            assertSignedIn(signIn(new Browser(), "redirect", "alice"), "alice");
            // 3. the SP signs with its next key (still publishing the old one)
            deploy(List.of(rolloverProvider(List.of(CURRENT.withActive(false), NEXT.withActive(true)),
                    List.of(oldIdp, newIdp), options)));
            assertSignedIn(signIn(new Browser(), "redirect", "bob"), "bob");
            assertThat(idp.servlet().lastRequestSignature()).isEqualTo("redirect-query");
            // 4. both sides drop the old keys
            deploy(List.of(rolloverProvider(List.of(NEXT.withActive(true)), List.of(newIdp), options)));
            ServiceProviderRegistration after = registerFromMetadata("redirect", true, toNext);
            assertThat(after.signingCertificates()).containsExactly(TestCredential.spNext().certificate());
            assertSignedIn(signIn(new Browser(), "redirect", "alice"), "alice");
            // the old keys are really gone: the IdP's old key and encryption to the old SP key now fail
            idp.customize(r -> r.signWith(oldIdp));
            assertThat(signIn(new Browser(), "redirect", "alice").errorCode()).isEqualTo("signature_invalid");
            idp.customize(r -> r.signWith(newIdp).encrypt(toCurrent));
            assertThat(signIn(new Browser(), "redirect", "alice").errorCode()).isEqualTo("decryption_failed");
        } finally {
            idp.customize(null);
            deployStandard();
        }
    }

    private static ProviderConfig rolloverProvider(List<SpKey> keys, List<TestCredential> idpKeys,
            KeyOptions options) {
        return FilterHarness.providerFor("redirect", idp).keys(new SpKeyRing(keys)).keyOptions(options)
                .idp(new IdpSource.Fields(idp.idp().entityId(), idp.idp().ssoUrl(), Binding.HTTP_REDIRECT,
                        idp.idp().sloUrl(), Binding.HTTP_REDIRECT,
                        idpKeys.stream().map(TestCredential::certificate).toList())).build();
    }
}
