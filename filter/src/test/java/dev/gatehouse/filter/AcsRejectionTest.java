package dev.gatehouse.filter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.config.IdpSource;
import dev.gatehouse.config.KeyOptions;
import dev.gatehouse.config.ValidationPolicy;
import dev.gatehouse.crypto.SpKey;
import dev.gatehouse.crypto.SpKeyRing;
import dev.gatehouse.error.ErrorCode;
import dev.gatehouse.testkit.Browser;
import dev.gatehouse.testkit.Encryption;
import dev.gatehouse.testkit.Page;
import dev.gatehouse.testkit.ResponseBuilder;
import dev.gatehouse.testkit.ServiceProviderRegistration;
import dev.gatehouse.testkit.TestCredential;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.opensaml.saml.saml2.core.StatusCode;
import org.opensaml.saml.saml2.core.SubjectConfirmation;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Every rejection rule over real HTTP: the browser gets the error page with the code and the matching status, no
 * stack trace, no session; the same browser can sign in normally right afterwards. {@link #everyErrorCodeIsExercised}
 * fails when a code has no test here.
 */
class AcsRejectionTest {

    private static final Set<ErrorCode> SEEN = EnumSet.noneOf(ErrorCode.class);
    private static FilterHarness harness;
    /** An SP with the test SP key that requires encrypted assertions; its IdP encrypts with AES-256-GCM. */
    private static FilterHarness encrypted;

    @BeforeAll
    static void start() {
        harness = new FilterHarness();
        encrypted = new FilterHarness(p -> p.keys(new SpKeyRing(List.of(new SpKey("sp-current",
                TestCredential.spCurrent().privateKey(), TestCredential.spCurrent().certificate(), true, true, true))))
                .keyOptions(new KeyOptions(null, false, true, false, KeyOptions.DEFAULT_MIN_RSA_KEY_SIZE)));
        encrypted.idp.servlet().registerServiceProvider(ServiceProviderRegistration.of(encrypted.spEntityId("dev"),
                encrypted.acs("dev")).withEncryption(toSpKey()));
    }

    @AfterEach
    void resetIdp() {
        harness.idp.customize(null);
        encrypted.idp.customize(null);
    }

    @AfterAll
    static void stop() {
        harness.close();
        encrypted.close();
    }

    private static Encryption toSpKey() {
        return Encryption.assertionTo(TestCredential.spCurrent().certificate()).withParts(true, true, true);
    }

    static Stream<Arguments> badEncryption() {
        Consumer<Document> flipContent = d -> {
            Element value = (Element) d.getElementsByTagNameNS("http://www.w3.org/2001/04/xmlenc#", "CipherValue")
                    .item(1);
            byte[] bytes = Base64.getDecoder().decode(value.getTextContent().replaceAll("\\s", ""));
            bytes[bytes.length - 20] ^= 0x40;
            value.setTextContent(Base64.getEncoder().encodeToString(bytes));
        };
        return Stream.of(
                rule("encrypted to another key", r -> r.encrypt(toSpKey().withRecipient(
                        TestCredential.attacker().certificate())), ErrorCode.DECRYPTION_FAILED),
                rule("AES-GCM ciphertext altered", r -> r.afterSigning(flipContent), ErrorCode.DECRYPTION_FAILED),
                rule("AES-CBC ciphertext altered", r -> r.encrypt(toSpKey().withAlgorithms(Encryption.AES128_CBC,
                        Encryption.RSA_OAEP_MGF1P, null, null)).afterSigning(flipContent), ErrorCode.DECRYPTION_FAILED),
                rule("3DES content encryption", r -> r.encrypt(toSpKey().withAlgorithms(Encryption.TRIPLEDES_CBC,
                        Encryption.RSA_OAEP_MGF1P, null, null)), ErrorCode.ENCRYPTION_ALGORITHM_FORBIDDEN),
                rule("RSA 1.5 key transport", r -> r.encrypt(toSpKey().withAlgorithms(Encryption.AES256_GCM,
                        Encryption.RSA_1_5, null, null)), ErrorCode.ENCRYPTION_ALGORITHM_FORBIDDEN),
                rule("plaintext although encryption is required", r -> r.encrypt(null),
                        ErrorCode.ASSERTION_NOT_ENCRYPTED));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("badEncryption")
    void refusesBadEncryptionDuringARealLogin(String name, Consumer<ResponseBuilder> change, ErrorCode expected) {
        Browser browser = new Browser();
        encrypted.idp.customize(change);
        Page page = browser.submit(browser.get(encrypted.url("/whoami")), Map.of("user", "alice"));
        assertRefused(encrypted, browser, page, expected);
        encrypted.idp.customize(null);
        assertThat(browser.submit(browser.get(encrypted.url("/whoami")), Map.of("user", "alice")).body())
                .contains("user=alice@example.com", "admin=true");
    }

    @Test
    void refusesSignaturesFromAnIdpKeyBelowTheMinimumSize() {
        try (FilterHarness weak = new FilterHarness((p, server) -> p.idp(new IdpSource.Fields(
                server.idp().entityId(), server.idp().ssoUrl(), dev.gatehouse.binding.Binding.HTTP_REDIRECT, null,
                List.of(TestCredential.idpWeak().certificate()))))) {
            weak.idp.customize(r -> r.signWith(TestCredential.idpWeak()));
            Browser browser = new Browser();
            Page page = browser.submit(browser.get(weak.url("/whoami")), Map.of("user", "alice"));
            assertRefused(weak, browser, page, ErrorCode.SIGNING_KEY_TOO_WEAK);
        }
    }

    static Stream<Arguments> brokenResponses() {
        Instant now = Instant.now();
        return Stream.of(
                rule("audience of another SP", r -> r.audience("https://other-sp.example"), ErrorCode.AUDIENCE_MISMATCH),
                rule("no audience restriction", ResponseBuilder::noAudienceRestriction, ErrorCode.AUDIENCE_MISMATCH),
                rule("destination elsewhere", r -> r.destination("https://other.example/acs"),
                        ErrorCode.DESTINATION_MISMATCH),
                rule("recipient elsewhere", r -> r.recipient("https://other.example/acs"), ErrorCode.RECIPIENT_MISMATCH),
                rule("another issuer", r -> r.assertionIssuer("https://evil.example"), ErrorCode.ISSUER_MISMATCH),
                rule("signed by an attacker key with the IdP's subject", r -> r.signWith(TestCredential.attacker()),
                        ErrorCode.SIGNATURE_INVALID),
                rule("not signed", r -> r.signAssertion(false), ErrorCode.SIGNATURE_MISSING),
                rule("only the response signed", r -> r.signAssertion(false).signResponse(true),
                        ErrorCode.SIGNATURE_MISSING),
                rule("SHA-1", r -> r.signatureAlgorithm("http://www.w3.org/2000/09/xmldsig#rsa-sha1")
                        .digestAlgorithm("http://www.w3.org/2000/09/xmldsig#sha1"),
                        ErrorCode.SIGNATURE_ALGORITHM_FORBIDDEN),
                rule("NameID changed after signing", r -> r.afterSigning(d ->
                        first(d, "NameID").setTextContent("admin@example.com")), ErrorCode.SIGNATURE_INVALID),
                rule("second assertion appended", r -> r.afterSigning(d -> {
                    Element copy = (Element) first(d, "Assertion").cloneNode(true);
                    copy.setAttribute("ID", "_copy");
                    d.getDocumentElement().appendChild(copy);
                }), ErrorCode.ASSERTION_COUNT_INVALID),
                rule("duplicate ID", r -> r.afterSigning(d -> d.getDocumentElement().setAttribute("ID",
                        first(d, "Assertion").getAttribute("ID"))), ErrorCode.DUPLICATE_XML_ID),
                rule("encrypted assertion without an SP key", r -> r.encrypt(Encryption.assertionTo(
                        TestCredential.spCurrent().certificate())), ErrorCode.ENCRYPTED_ASSERTION_UNSUPPORTED),
                rule("expired", r -> r.notOnOrAfter(now.minus(Duration.ofMinutes(10))), ErrorCode.ASSERTION_EXPIRED),
                rule("not yet valid", r -> r.notBefore(now.plus(Duration.ofMinutes(10))),
                        ErrorCode.ASSERTION_NOT_YET_VALID),
                rule("bearer confirmation expired", r -> r.confirmationNotOnOrAfter(now.minus(Duration.ofMinutes(10))),
                        ErrorCode.SUBJECT_CONFIRMATION_INVALID),
                rule("holder-of-key instead of bearer", r -> r.confirmationMethod(SubjectConfirmation.METHOD_HOLDER_OF_KEY),
                        ErrorCode.SUBJECT_CONFIRMATION_INVALID),
                rule("answers a request never sent", r -> r.inResponseTo("_forged").confirmationInResponseTo("_forged"),
                        ErrorCode.IN_RESPONSE_TO_UNKNOWN),
                rule("confirmation answers another request", r -> r.confirmationInResponseTo("_other"),
                        ErrorCode.IN_RESPONSE_TO_MISMATCH),
                rule("IdP error status", r -> r.status(StatusCode.RESPONDER, StatusCode.AUTHN_FAILED, "no access"),
                        ErrorCode.STATUS_NOT_SUCCESS),
                rule("no AuthnStatement", ResponseBuilder::noAuthnStatement, ErrorCode.AUTHN_STATEMENT_MISSING),
                rule("IdP session already over", r -> r.sessionNotOnOrAfter(now.minus(Duration.ofMinutes(10))),
                        ErrorCode.SESSION_EXPIRED),
                rule("no NameID", r -> r.nameId(null), ErrorCode.NAMEID_MISSING),
                rule("SAML 1.1 version", r -> r.afterSigning(d -> d.getDocumentElement().setAttribute("Version", "1.1")),
                        ErrorCode.SAML_VERSION_UNSUPPORTED),
                rule("comment inside the NameID", r -> r.afterSigning(dev.gatehouse.testkit.Attacks.commentInNameId(
                        "alice", "@example.com")), ErrorCode.XML_CONSTRUCT_FORBIDDEN),
                rule("unknown condition", r -> r.beforeSigningDom(AcsRejectionTest::addUnknownCondition),
                        ErrorCode.CONDITION_UNSUPPORTED),
                rule("signed NotOnOrAfter that is no xs:dateTime", r -> r.beforeSigningDom(d ->
                        first(d, "Conditions").setAttribute("NotOnOrAfter", "never")), ErrorCode.SAML_MESSAGE_MALFORMED),
                rule("signed SubjectConfirmation with two SubjectConfirmationData", r -> r.beforeSigningDom(d ->
                        first(d, "SubjectConfirmation").appendChild(first(d, "SubjectConfirmationData")
                                .cloneNode(true))), ErrorCode.SAML_MESSAGE_MALFORMED),
                rule("assertion signature referencing the response", r -> r.afterSigning(d -> {
                    Element reference = (Element) first(d, "Assertion").getElementsByTagNameNS("*", "Reference").item(0);
                    reference.setAttribute("URI", "#" + d.getDocumentElement().getAttribute("ID"));
                }), ErrorCode.SIGNATURE_REFERENCE_INVALID));
    }

    private static Arguments rule(String name, Consumer<ResponseBuilder> change, ErrorCode expected) {
        return Arguments.of(name, change, expected);
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("brokenResponses")
    void refusesBrokenResponsesDuringARealLogin(String name, Consumer<ResponseBuilder> change, ErrorCode expected) {
        Browser browser = new Browser();
        harness.idp.customize(change);
        Page page = browser.submit(browser.get(harness.url("/whoami")), Map.of("user", "alice"));
        assertRefused(browser, page, expected);
        assertCanStillSignIn(browser);
    }

    @Test
    void refusesAReplayedResponse() {
        Browser browser = new Browser();
        Page start = browser.get(harness.idp.baseUrl() + "/");
        browser.submit(start, "form:has(input[value=alice])", Map.of());
        String samlResponse = postedResponse(browser);
        Browser attacker = new Browser();
        Page page = attacker.postFrom(harness.idp.baseUrl().toString(), harness.acs("dev"),
                Map.of("SAMLResponse", samlResponse));
        assertRefused(attacker, page, ErrorCode.ASSERTION_REPLAYED);
    }

    @Test
    void refusesAResponseCarriedToABrowserWithoutTheLoginCookie() {
        String samlResponse = responseForAnotherBrowsersLogin();
        Browser other = new Browser();
        Page page = other.postFrom(harness.idp.baseUrl().toString(), harness.acs("dev"),
                Map.of("SAMLResponse", samlResponse));
        assertRefused(other, page, ErrorCode.LOGIN_STATE_COOKIE_MISSING);
    }

    @Test
    void refusesAResponseForALoginStartedByAnotherBrowser() {
        String samlResponse = responseForAnotherBrowsersLogin();
        Browser attacker = new Browser();
        attacker.get(harness.url("/whoami"));
        assertThat(attacker.cookie("GATEHOUSE_LOGIN")).isPresent();
        Page page = attacker.postFrom(harness.idp.baseUrl().toString(), harness.acs("dev"),
                Map.of("SAMLResponse", samlResponse));
        assertRefused(attacker, page, ErrorCode.LOGIN_STATE_BROWSER_MISMATCH);
    }

    /** The SAMLResponse the IdP produced for a login a victim's browser started, captured before it was posted. */
    private static String responseForAnotherBrowsersLogin() {
        Browser victim = new Browser().autoSubmit(false);
        Page posting = victim.submit(victim.get(harness.url("/whoami")), Map.of("user", "alice"));
        return posting.html().selectFirst("input[name=SAMLResponse]").val();
    }

    @Test
    void refusesMalformedPosts() {
        String idp = harness.idp.baseUrl().toString();
        assertRefused(new Browser(), new Browser().postFrom(idp, harness.acs("dev"), Map.of("RelayState", "/x")),
                ErrorCode.SAML_MESSAGE_MISSING);
        Browser b = new Browser();
        assertRefused(b, b.postFrom(idp, harness.acs("dev"), Map.of("SAMLResponse", "@@@@")),
                ErrorCode.SAML_MESSAGE_MALFORMED);
        b = new Browser();
        assertRefused(b, b.postFrom(idp, harness.acs("dev"), Map.of("SAMLResponse", base64("<x/>"))),
                ErrorCode.UNEXPECTED_MESSAGE_TYPE);
        b = new Browser();
        assertRefused(b, b.postFrom(idp, harness.acs("dev"), Map.of("SAMLResponse", base64(
                "<!DOCTYPE r [<!ENTITY a SYSTEM \"file:///etc/passwd\">]><r>&a;</r>"))), ErrorCode.XML_DOCTYPE_FORBIDDEN);
        assertThat(FilterHarness.announcedTenMegabytes(harness.acs("dev"))).contains(" 400 ")
                .contains("X-Gatehouse-Error: " + ErrorCode.SAML_MESSAGE_TOO_LARGE.code());
        SEEN.add(ErrorCode.SAML_MESSAGE_TOO_LARGE);
    }

    @Test
    void refusesUnknownEndpointsProvidersAndMethods() {
        Browser b = new Browser();
        assertRefused(b, b.get(harness.url("/saml/acs/dev")), ErrorCode.METHOD_NOT_ALLOWED);
        assertRefused(b, b.get(harness.url("/saml/login/nope")), ErrorCode.PROVIDER_UNKNOWN);
        assertRefused(b, b.get(harness.url("/saml/nothing")), ErrorCode.ENDPOINT_UNKNOWN);
        assertRefused(b, b.get(harness.url("/saml/acs/dev/extra")), ErrorCode.ENDPOINT_UNKNOWN);
    }

    @Test
    void scriptRequestsAreChallengedWith401() {
        Page page = new Browser().fetch(harness.url("/whoami"), Map.of("X-Requested-With", "XMLHttpRequest"));
        assertThat(page.status()).isEqualTo(ErrorCode.AUTHENTICATION_REQUIRED.httpStatus());
        assertThat(page.errorCode()).isEqualTo(ErrorCode.AUTHENTICATION_REQUIRED.code());
        SEEN.add(ErrorCode.AUTHENTICATION_REQUIRED);
    }

    @Test
    void refusesUnsolicitedResponsesWhenIdpInitiatedLoginIsOff() {
        try (FilterHarness strict = new FilterHarness(p -> p.validation(new ValidationPolicy(true, false,
                ValidationPolicy.DEFAULT_CLOCK_SKEW, null, false)))) {
            Browser browser = new Browser();
            Page start = browser.get(strict.idp.baseUrl() + "/");
            Page page = browser.submit(start, "form:has(input[value=alice])", Map.of());
            assertRefused(strict, browser, page, ErrorCode.UNSOLICITED_RESPONSE_REFUSED);
            Page ok = browser.submit(browser.get(strict.url("/whoami")), Map.of("user", "alice"));
            assertThat(ok.body()).contains("user=alice@example.com");
        }
    }

    @Test
    void refusesUsersOutsideAllowGroups() {
        try (FilterHarness groups = new FilterHarness(p -> p.allowGroups(List.of("admins")))) {
            Browser bob = new Browser();
            Page page = bob.submit(bob.get(groups.url("/whoami")), Map.of("user", "bob"));
            assertRefused(groups, bob, page, ErrorCode.GROUP_NOT_ALLOWED);
            // the refusal consumed nothing: the same response is refused for the same reason, not as a replay
            Page again = bob.postFrom(groups.idp.baseUrl().toString(), groups.acs("dev"),
                    Map.of("SAMLResponse", postedResponse(bob)));
            assertThat(again.errorCode()).isEqualTo(ErrorCode.GROUP_NOT_ALLOWED.code());
            Browser alice = new Browser();
            assertThat(alice.submit(alice.get(groups.url("/whoami")), Map.of("user", "alice")).body())
                    .contains("user=alice@example.com");
        }
    }

    @Test
    void refusesAnOldAuthenticationWhenMaxAuthenticationAgeIsSet() {
        try (FilterHarness fresh = new FilterHarness(p -> p.validation(new ValidationPolicy(true, true,
                ValidationPolicy.DEFAULT_CLOCK_SKEW, Duration.ofHours(1), false)))) {
            fresh.idp.customize(r -> r.authnInstant(Instant.now().minus(Duration.ofHours(2))));
            Browser browser = new Browser();
            Page page = browser.submit(browser.get(fresh.url("/whoami")), Map.of("user", "alice"));
            assertRefused(fresh, browser, page, ErrorCode.AUTHENTICATION_TOO_OLD);
        }
    }

    @Test
    void aProviderWhoseMetadataCannotBeLoadedIsUnavailableButTheAppRuns() {
        try (FilterHarness down = new FilterHarness(p -> p.idp(new IdpSource.MetadataUrl(
                URI.create("http://127.0.0.1:9/metadata"), null, Duration.ofSeconds(2), false)))) {
            Browser browser = new Browser();
            assertThat(browser.get(down.url("/public")).status()).isEqualTo(200);
            Page page = browser.get(down.url("/whoami"));
            assertThat(page.errorCode()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE.code());
            assertThat(page.status()).isEqualTo(503);
            SEEN.add(ErrorCode.PROVIDER_UNAVAILABLE);
            assertThat(browser.get(down.url("/saml/metadata/dev")).status()).as("SP metadata needs no IdP").isEqualTo(200);
        }
    }

    @AfterAll
    static void everyErrorCodeIsExercised() {
        Set<ErrorCode> missing = EnumSet.allOf(ErrorCode.class);
        missing.removeAll(SEEN);
        missing.remove(ErrorCode.INTERNAL_ERROR);
        // single-logout codes: exercised over HTTP by SingleLogoutTest
        missing.removeAll(EnumSet.of(ErrorCode.MESSAGE_TIME_INVALID, ErrorCode.MESSAGE_REPLAYED,
                ErrorCode.LOGOUT_NOT_SAME_ORIGIN));
        // account codes: exercised over HTTP by AccountsFlowTest (it needs a user table)
        missing.removeAll(EnumSet.of(ErrorCode.USERNAME_MISSING, ErrorCode.USER_NOT_REGISTERED,
                ErrorCode.USER_STORE_UNAVAILABLE));
        assertThat(missing).as("error codes without an HTTP test").isEmpty();
    }

    private void assertRefused(Browser browser, Page page, ErrorCode expected) {
        assertRefused(harness, browser, page, expected);
    }

    private static void assertRefused(FilterHarness h, Browser browser, Page page, ErrorCode expected) {
        assertThat(page.errorCode()).as(page.body()).isEqualTo(expected.code());
        assertThat(page.status()).isEqualTo(expected.httpStatus());
        assertThat(page.html().getElementById("incident")).isNotNull();
        assertThat(page.body()).doesNotContain("Exception", "at dev.gatehouse", "at org.", "<saml2:", "alice@example.com");
        assertThat(page.header("cache-control")).isEqualTo("no-store");
        Page open = browser.get(h.url("/public"));
        assertThat(open.body()).as("no user in the session").contains("user=null");
        SEEN.add(expected);
    }

    private static void assertCanStillSignIn(Browser browser) {
        harness.idp.customize(null);
        Page page = browser.submit(browser.get(harness.url("/whoami")), Map.of("user", "alice"));
        assertThat(page.body()).contains("user=alice@example.com");
    }

    private static String postedResponse(Browser browser) {
        return browser.history().stream().filter(p -> p.isAutoSubmit() && p.body().contains("SAMLResponse"))
                .map(p -> p.html().selectFirst("input[name=SAMLResponse]").val()).findFirst().orElseThrow();
    }

    private static String base64(String xml) {
        return Base64.getEncoder().encodeToString(xml.getBytes(StandardCharsets.UTF_8));
    }

    private static Element first(Document d, String localName) {
        return (Element) d.getElementsByTagNameNS("*", localName).item(0);
    }

    private static void addUnknownCondition(Document d) {
        Element conditions = first(d, "Conditions");
        Element condition = d.createElementNS("urn:oasis:names:tc:SAML:2.0:assertion", "saml2:Condition");
        condition.setAttributeNS("http://www.w3.org/2001/XMLSchema-instance", "xsi:type", "ext:Geo");
        condition.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:ext", "urn:example:ext");
        condition.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:xsi",
                "http://www.w3.org/2001/XMLSchema-instance");
        conditions.appendChild(condition);
    }
}
