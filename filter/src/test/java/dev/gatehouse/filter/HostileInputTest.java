package dev.gatehouse.filter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.binding.Binding;
import dev.gatehouse.config.GatehouseConfig;
import dev.gatehouse.config.IdpSource;
import dev.gatehouse.config.MessageLimits;
import dev.gatehouse.config.PathRules;
import dev.gatehouse.config.ProviderConfig;
import dev.gatehouse.config.ValidationPolicy;
import dev.gatehouse.error.ErrorCode;
import dev.gatehouse.testkit.Attacks;
import dev.gatehouse.testkit.Browser;
import dev.gatehouse.testkit.JettyServer;
import dev.gatehouse.testkit.Page;
import dev.gatehouse.testkit.RedirectSigning;
import dev.gatehouse.testkit.ResponseBuilder;
import dev.gatehouse.testkit.TestCredential;
import dev.gatehouse.testkit.TestIdpServer;
import jakarta.servlet.DispatcherType;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.opensaml.saml.saml2.core.StatusCode;
import org.opensaml.saml.saml2.core.SubjectConfirmation;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The adversarial suite (SECURITY.md lists each class and its case): every attack is posted over real HTTP, from
 * the IdP's site, to the ACS of a webapp on Jetty that has a login in flight. Each must be refused with its code,
 * leave the browser's session exactly as it was (no user, same id, same attributes), leave the pending login
 * usable, and the same browser must then sign in normally. Valid controls (assertion signed, response and assertion
 * signed, response signed where that is configured) pass in the same suite.
 */
class HostileInputTest {

    private static final String ALICE = "alice@example.com";
    private static TestIdpServer idp;
    private static JettyServer app;
    private static String base;

    /** A login a browser started: the IdP's page for it and the AuthnRequest ID it answers. */
    record Login(Browser browser, Page idpPage, String requestId, String acs, String spEntityId) {
        ResponseBuilder response() {
            return idp.idp().response().to(acs, spEntityId).inResponseTo(requestId).nameId(ALICE)
                    .attribute("groups", "users");
        }
    }

    @BeforeAll
    static void start() {
        idp = TestIdpServer.start();
        app = JettyServer.start("localhost");
        base = app.baseUrl() + "/app";
        // Attribute limits below the defaults, so that the "huge count" cases stay under Jetty's own 200 KB form limit
        // and reach Gatehouse's check instead of racing a connection the container closes mid-upload.
        GatehouseConfig config = GatehouseConfig.builder().externalUrl(base)
                .limits(new MessageLimits(MessageLimits.DEFAULTS.maxMessageSize(), 64, 100, 300))
                .protectedPaths(new PathRules(List.of("/*"), List.of("/public")))
                .provider(provider("dev", ValidationPolicy.defaults()))
                .provider(provider("envelope", new ValidationPolicy(false, true, ValidationPolicy.DEFAULT_CLOCK_SKEW,
                        null, false)))
                .provider(provider("strict", new ValidationPolicy(true, false, ValidationPolicy.DEFAULT_CLOCK_SKEW,
                        null, false)))
                .build();
        for (String id : List.of("dev", "envelope", "strict")) {
            idp.registerServiceProvider(base + "/saml/metadata/" + id, base + "/saml/acs/" + id);
        }
        ServletContextHandler context = new ServletContextHandler("/app", ServletContextHandler.SESSIONS);
        context.addFilter(new FilterHolder(new GatehouseFilter(config)), "/*", EnumSet.of(DispatcherType.REQUEST));
        FilterHarness.addServlets(context);
        app.deploy(context);
    }

    private static ProviderConfig provider(String id, ValidationPolicy policy) {
        return ProviderConfig.builder(id).validation(policy).idp(new IdpSource.Fields(idp.idp().entityId(),
                idp.idp().ssoUrl(), Binding.HTTP_REDIRECT, null, List.of(idp.idp().credential().certificate())))
                .build();
    }

    @AfterAll
    static void stop() {
        app.close();
        idp.close();
    }

    static Login startLogin(Browser browser, String provider) {
        Page idpPage = browser.get(base + "/saml/login/" + provider + "?returnTo=/app/whoami");
        assertThat(idpPage.url().toString()).startsWith(idp.baseUrl() + "/sso");
        return new Login(browser, idpPage, idp.servlet().lastRequest().getID(), base + "/saml/acs/" + provider,
                base + "/saml/metadata/" + provider);
    }

    private static Arguments attack(String name, Function<Login, String> samlResponse, ErrorCode expected) {
        return Arguments.of(name, samlResponse, expected);
    }

    private static Function<Login, String> signed(Function<ResponseBuilder, ResponseBuilder> change) {
        return login -> change.apply(login.response()).base64();
    }

    static Stream<Arguments> attacks() {
        Instant now = Instant.now();
        return Stream.of(
                // XML signature wrapping: the eight classic placements, and variants
                attack("XSW1 signed Response moved into its Signature", signed(r -> r.signResponse(true)
                        .afterSigning(Attacks.xsw1())), ErrorCode.ASSERTION_COUNT_INVALID),
                attack("XSW2 signed Response copy before the Signature", signed(r -> r.signResponse(true)
                        .afterSigning(Attacks.xsw2())), ErrorCode.ASSERTION_COUNT_INVALID),
                attack("XSW3 evil Assertion before the signed one", signed(r -> r.afterSigning(Attacks.xsw3())),
                        ErrorCode.ASSERTION_COUNT_INVALID),
                attack("XSW3 with the signature moved to the evil copy", signed(r -> r.afterSigning(
                        Attacks.xsw3SignatureMoved())), ErrorCode.ASSERTION_COUNT_INVALID),
                attack("XSW4 signed Assertion inside the evil one", signed(r -> r.afterSigning(Attacks.xsw4())),
                        ErrorCode.ASSERTION_COUNT_INVALID),
                attack("XSW5 changed Assertion, original copy at the end", signed(r -> r.afterSigning(Attacks.xsw5())),
                        ErrorCode.DUPLICATE_XML_ID),
                attack("XSW6 changed Assertion, original copy in its Signature", signed(r -> r.afterSigning(
                        Attacks.xsw6())), ErrorCode.DUPLICATE_XML_ID),
                attack("XSW7 original copy in Extensions", signed(r -> r.afterSigning(Attacks.xsw7())),
                        ErrorCode.DUPLICATE_XML_ID),
                attack("XSW8 original copy in ds:Object", signed(r -> r.afterSigning(Attacks.xsw8())),
                        ErrorCode.DUPLICATE_XML_ID),
                attack("XSW on a response signed only on the envelope", login -> idp.idp().response()
                        .to(base + "/saml/acs/envelope", base + "/saml/metadata/envelope").nameId(ALICE)
                        .signAssertion(false).signResponse(true).afterSigning(Attacks.xsw2()).base64(),
                        ErrorCode.ASSERTION_COUNT_INVALID),
                // signature and key
                attack("signature removed", signed(r -> r.afterSigning(Attacks.removeAssertionSignature())),
                        ErrorCode.SIGNATURE_MISSING),
                attack("another key, certificate with the IdP's subject in KeyInfo", signed(r -> r.signWith(
                        TestCredential.attacker())), ErrorCode.SIGNATURE_INVALID),
                attack("certificate not in the configured set", signed(r -> r.signWith(TestCredential.idpRollover())),
                        ErrorCode.SIGNATURE_INVALID),
                attack("NameID altered after signing", signed(r -> r.afterSigning(d -> text(d, "NameID",
                        Attacks.EVIL_USER))), ErrorCode.SIGNATURE_INVALID),
                attack("Audience altered after signing", signed(r -> r.audience("https://other-sp.example")
                        .afterSigning(d -> text(d, "Audience", base + "/saml/metadata/dev"))),
                        ErrorCode.SIGNATURE_INVALID),
                attack("attribute altered after signing", signed(r -> r.afterSigning(d -> text(d, "AttributeValue",
                        "admins"))), ErrorCode.SIGNATURE_INVALID),
                attack("conditions altered after signing", signed(r -> r.afterSigning(d -> first(d, "Conditions")
                        .setAttribute("NotOnOrAfter", "2099-01-01T00:00:00Z"))), ErrorCode.SIGNATURE_INVALID),
                // parser differentials
                attack("comment inside the NameID", signed(r -> r.nameId("alice@example.com.evil.example")
                        .afterSigning(Attacks.commentInNameId(ALICE, ".evil.example"))),
                        ErrorCode.XML_CONSTRUCT_FORBIDDEN),
                attack("processing instruction inside the NameID", signed(r -> r.nameId("alice@example.com.evil.example")
                        .afterSigning(Attacks.processingInstructionInNameId(ALICE, ".evil.example"))),
                        ErrorCode.XML_CONSTRUCT_FORBIDDEN),
                attack("comment inside an attribute value", signed(r -> r.afterSigning(
                        Attacks.commentInAttributeValue("us", "ers"))), ErrorCode.XML_CONSTRUCT_FORBIDDEN),
                attack("internal entity in the NameID", login -> doctype(login.response().xml(),
                        "<!DOCTYPE r [<!ENTITY a \"alice@example.com\">]>"), ErrorCode.XML_DOCTYPE_FORBIDDEN),
                attack("external entity", login -> doctype(login.response().xml(),
                        "<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"), ErrorCode.XML_DOCTYPE_FORBIDDEN),
                attack("external parameter entity", login -> doctype(login.response().xml(),
                        "<!DOCTYPE r [<!ENTITY % p SYSTEM \"http://127.0.0.1:9/x.dtd\"> %p;]>"),
                        ErrorCode.XML_DOCTYPE_FORBIDDEN),
                attack("entity expansion bomb", login -> doctype(login.response().xml(), bomb()),
                        ErrorCode.XML_DOCTYPE_FORBIDDEN),
                attack("XInclude", signed(r -> r.afterSigning(HostileInputTest::xinclude)),
                        ErrorCode.XML_CONSTRUCT_FORBIDDEN),
                // transforms and algorithms
                attack("XSLT transform", signed(r -> r.afterSigning(Attacks.transform(
                        "http://www.w3.org/TR/1999/REC-xslt-19991116", null))), ErrorCode.SIGNATURE_REFERENCE_INVALID),
                attack("XPath transform", signed(r -> r.afterSigning(Attacks.transform(
                        "http://www.w3.org/TR/1999/REC-xpath-19991116", "XPath"))),
                        ErrorCode.SIGNATURE_REFERENCE_INVALID),
                attack("XPath Filter 2 transform", signed(r -> r.afterSigning(Attacks.transform(
                        "http://www.w3.org/2002/06/xmldsig-filter2", "XPath"))), ErrorCode.SIGNATURE_REFERENCE_INVALID),
                attack("HMAC keyed with the IdP's public key", signed(r -> r.afterSigning(Attacks.hmacWithPublicKey(
                        idp.idp().credential().certificate().getPublicKey()))), ErrorCode.SIGNATURE_ALGORITHM_FORBIDDEN),
                attack("SHA-1 signature", signed(r -> r.signatureAlgorithm("http://www.w3.org/2000/09/xmldsig#rsa-sha1")
                        .digestAlgorithm("http://www.w3.org/2000/09/xmldsig#sha1")),
                        ErrorCode.SIGNATURE_ALGORITHM_FORBIDDEN),
                attack("ECDSA declared over an RSA signature", signed(r -> r.afterSigning(d -> first(d, "Assertion")
                        .getElementsByTagNameNS("*", "SignatureMethod").item(0).getAttributes().getNamedItem("Algorithm")
                        .setNodeValue("http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256"))),
                        ErrorCode.SIGNATURE_INVALID),
                attack("Reference URI pointing at the Response", signed(r -> r.afterSigning(d ->
                        ((Element) first(d, "Assertion").getElementsByTagNameNS("*", "Reference").item(0))
                                .setAttribute("URI", "#" + d.getDocumentElement().getAttribute("ID")))),
                        ErrorCode.SIGNATURE_REFERENCE_INVALID),
                attack("Reference without URI", signed(r -> r.afterSigning(Attacks.referenceWithoutUri())),
                        ErrorCode.SIGNATURE_REFERENCE_INVALID),
                attack("two References", signed(r -> r.afterSigning(Attacks.secondReference())),
                        ErrorCode.SIGNATURE_REFERENCE_INVALID),
                attack("colliding ID on the Response", signed(r -> r.afterSigning(d -> d.getDocumentElement()
                        .setAttribute("ID", first(d, "Assertion").getAttribute("ID")))), ErrorCode.DUPLICATE_XML_ID),
                // several assertions
                attack("unsigned Assertion beside the signed one", signed(r -> r.afterSigning(
                        Attacks.unsignedAssertionBesideSigned())), ErrorCode.ASSERTION_COUNT_INVALID),
                attack("encrypted and plain Assertions mixed", signed(r -> r.afterSigning(
                        Attacks.encryptedBesidePlain())), ErrorCode.ASSERTION_COUNT_INVALID),
                // namespace tricks
                attack("Assertion look-alike in a foreign namespace", signed(r -> r.afterSigning(
                        Attacks.lookalikeInForeignNamespace())), ErrorCode.ASSERTION_COUNT_INVALID),
                attack("saml2 prefix redefined on Status", signed(r -> r.afterSigning(Attacks.redefinedPrefix())),
                        ErrorCode.ASSERTION_COUNT_INVALID),
                attack("namespaced Destination next to a wrong one", login -> login.response()
                        .destination("https://other.example/acs").afterSigning(Attacks.namespacedDestination(
                                login.acs())).base64(), ErrorCode.DESTINATION_MISMATCH),
                // profile rules
                attack("expired", signed(r -> r.notOnOrAfter(now.minus(Duration.ofMinutes(10)))),
                        ErrorCode.ASSERTION_EXPIRED),
                attack("not yet valid beyond the skew", signed(r -> r.notBefore(now.plus(Duration.ofMinutes(10)))),
                        ErrorCode.ASSERTION_NOT_YET_VALID),
                attack("wrong Audience", signed(r -> r.audience("https://other-sp.example")),
                        ErrorCode.AUDIENCE_MISMATCH),
                attack("no AudienceRestriction", signed(ResponseBuilder::noAudienceRestriction),
                        ErrorCode.AUDIENCE_MISMATCH),
                attack("wrong Recipient", signed(r -> r.recipient("https://other.example/acs")),
                        ErrorCode.RECIPIENT_MISMATCH),
                attack("wrong Destination", signed(r -> r.destination("https://other.example/acs")),
                        ErrorCode.DESTINATION_MISMATCH),
                attack("wrong Issuer on the Response", signed(r -> r.responseIssuer("https://evil.example")),
                        ErrorCode.ISSUER_MISMATCH),
                attack("wrong Issuer on the Assertion", signed(r -> r.assertionIssuer("https://evil.example")),
                        ErrorCode.ISSUER_MISMATCH),
                attack("InResponseTo never issued", signed(r -> r.inResponseTo("_never_issued")),
                        ErrorCode.IN_RESPONSE_TO_UNKNOWN),
                attack("non-bearer confirmation", signed(r -> r.confirmationMethod(
                        SubjectConfirmation.METHOD_SENDER_VOUCHES)), ErrorCode.SUBJECT_CONFIRMATION_INVALID),
                attack("status not Success", signed(r -> r.status(StatusCode.REQUESTER, StatusCode.REQUEST_DENIED,
                        "denied")), ErrorCode.STATUS_NOT_SUCCESS),
                // transport
                attack("invalid base64", login -> "%%%not base64%%%", ErrorCode.SAML_MESSAGE_MALFORMED),
                attack("deflated XML on the POST binding", login -> Base64.getEncoder().encodeToString(
                        RedirectSigning.deflate(login.response().xml())), ErrorCode.SAML_MESSAGE_MALFORMED),
                attack("non-UTF-8 bytes", login -> Base64.getEncoder().encodeToString(login.response().xml()
                        .replace("alice@example.com", "alice\u00e9@example.com").getBytes(StandardCharsets.ISO_8859_1)),
                        ErrorCode.SAML_MESSAGE_MALFORMED),
                attack("very deep nesting", login -> base64(login.response().xml().replace("</saml2p:Response>",
                        "<saml2p:Extensions>" + "<x>".repeat(100) + "</x>".repeat(100)
                                + "</saml2p:Extensions></saml2p:Response>")), ErrorCode.SAML_MESSAGE_MALFORMED),
                attack("huge attribute count (maxAttributes 100)", signed(r -> {
                    for (int i = 0; i < 150; i++) {
                        r.attribute("a" + i, "v");
                    }
                    return r;
                }), ErrorCode.SAML_MESSAGE_TOO_LARGE),
                attack("huge attribute value count (maxAttributeValues 300)", signed(r -> r.attribute("groups",
                        Stream.generate(() -> "g").limit(500).toArray(String[]::new))),
                        ErrorCode.SAML_MESSAGE_TOO_LARGE));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("attacks")
    void refusesTheAttackAndChangesNothing(String name, Function<Login, String> samlResponse, ErrorCode expected) {
        Browser browser = new Browser();
        String sessionBefore = state(browser, "?note=before").get("session");
        Login login = startLogin(browser, "dev");
        Page page = browser.postFrom(idp.baseUrl().toString(), login.acs(), Map.of("SAMLResponse",
                samlResponse.apply(login)));
        assertRefusedAndUnchanged(browser, page, expected, sessionBefore);
        assertTheSameBrowserCanStillSignIn(login);
    }

    @Test
    void controlsWithValidSignaturesAreAccepted() {
        for (Function<Login, String> valid : List.<Function<Login, String>>of(
                signed(r -> r), signed(r -> r.signResponse(true)))) {
            Browser browser = new Browser();
            Login login = startLogin(browser, "dev");
            Page page = browser.postFrom(idp.baseUrl().toString(), login.acs(), Map.of("SAMLResponse",
                    valid.apply(login)));
            assertThat(page.url().toString()).isEqualTo(base + "/whoami");
            assertThat(page.body()).contains("user=" + ALICE);
        }
        Browser browser = new Browser();
        Login login = startLogin(browser, "envelope");
        Page page = browser.postFrom(idp.baseUrl().toString(), login.acs(), Map.of("SAMLResponse",
                login.response().signAssertion(false).signResponse(true).base64()));
        assertThat(page.body()).as("response signed, wantAssertionsSigned=false").contains("user=" + ALICE);
    }

    @Test
    void notBeforeWithinTheSkewIsAccepted() {
        Browser browser = new Browser();
        Login login = startLogin(browser, "dev");
        Page page = browser.postFrom(idp.baseUrl().toString(), login.acs(), Map.of("SAMLResponse",
                login.response().notBefore(Instant.now().plus(Duration.ofMinutes(2))).base64()));
        assertThat(page.body()).contains("user=" + ALICE);
    }

    @Test
    void cdataAndCharacterReferencesAreReadAsTheSignedValue() {
        String signedName = "alice@example.com.evil.example";
        Browser browser = new Browser();
        Login login = startLogin(browser, "dev");
        Page page = browser.postFrom(idp.baseUrl().toString(), login.acs(), Map.of("SAMLResponse",
                login.response().nameId(signedName).afterSigning(Attacks.cdataInNameId(ALICE, ".evil.example"))
                        .base64()));
        assertThat(page.body()).contains("user=" + signedName).doesNotContain("user=" + ALICE + "\n");
        Browser other = new Browser();
        Login second = startLogin(other, "dev");
        String xml = second.response().nameId(signedName).xml().replace(signedName, "alice@example.com&#46;evil.example");
        Page viaReference = other.postFrom(idp.baseUrl().toString(), second.acs(), Map.of("SAMLResponse", base64(xml)));
        assertThat(viaReference.body()).contains("user=" + signedName);
    }

    @Test
    void refusesAResponseToALoginOfAnotherBrowser() {
        Login victim = startLogin(new Browser(), "dev");
        Browser attacker = new Browser();
        String sessionBefore = state(attacker, "?note=before").get("session");
        startLogin(attacker, "dev");
        Page page = attacker.postFrom(idp.baseUrl().toString(), victim.acs(), Map.of("SAMLResponse",
                victim.response().base64()));
        assertRefusedAndUnchanged(attacker, page, ErrorCode.LOGIN_STATE_BROWSER_MISMATCH, sessionBefore);
        assertTheSameBrowserCanStillSignIn(victim);
    }

    @Test
    void refusesAnAnswerToALoginThatWasAlreadyAnswered() {
        Browser browser = new Browser();
        Login login = startLogin(browser, "dev");
        String first = login.response().base64();
        String second = login.response().base64();
        assertThat(browser.postFrom(idp.baseUrl().toString(), login.acs(), Map.of("SAMLResponse", first)).body())
                .contains("user=" + ALICE);
        Page page = browser.postFrom(idp.baseUrl().toString(), login.acs(), Map.of("SAMLResponse", second));
        assertThat(page.errorCode()).isEqualTo(ErrorCode.IN_RESPONSE_TO_UNKNOWN.code());
    }

    @Test
    void refusesUnsolicitedResponsesWhereTheyAreNotAllowed() {
        Browser browser = new Browser();
        String sessionBefore = state(browser, "?note=before").get("session");
        Page page = browser.postFrom(idp.baseUrl().toString(), base + "/saml/acs/strict", Map.of("SAMLResponse",
                idp.idp().response().to(base + "/saml/acs/strict", base + "/saml/metadata/strict").nameId(ALICE)
                        .base64()));
        assertRefusedAndUnchanged(browser, page, ErrorCode.UNSOLICITED_RESPONSE_REFUSED, sessionBefore);
    }

    @Test
    void refusesAnUnsolicitedAssertionPassedOffAsAnAnswerWhereUnsolicitedIsOff() {
        Browser attacker = new Browser();
        String sessionBefore = state(attacker, "?note=before").get("session");
        Login own = startLogin(attacker, "strict");
        Page page = attacker.postFrom(idp.baseUrl().toString(), own.acs(), Map.of("SAMLResponse",
                own.response().confirmationInResponseTo(null).base64()));
        assertRefusedAndUnchanged(attacker, page, ErrorCode.IN_RESPONSE_TO_MISMATCH, sessionBefore);
        assertTheSameBrowserCanStillSignIn(own);
    }

    @Test
    void refusesTheSameAssertionTwiceAlsoInANewResponse() {
        ResponseBuilder unsolicited = idp.idp().response().to(base + "/saml/acs/dev", base + "/saml/metadata/dev")
                .nameId(ALICE);
        Document used = unsolicited.document();
        String once = base64(ResponseXml.of(used));
        assertThat(new Browser().postFrom(idp.baseUrl().toString(), base + "/saml/acs/dev",
                Map.of("SAMLResponse", once)).body()).contains("user=" + ALICE);
        Browser again = new Browser();
        String sessionBefore = state(again, "?note=before").get("session");
        Page replay = again.postFrom(idp.baseUrl().toString(), base + "/saml/acs/dev", Map.of("SAMLResponse", once));
        assertRefusedAndUnchanged(again, replay, ErrorCode.ASSERTION_REPLAYED, sessionBefore);

        Document fresh = idp.idp().response().to(base + "/saml/acs/dev", base + "/saml/metadata/dev").nameId("x")
                .signAssertion(false).document();
        Element oldAssertion = (Element) fresh.importNode(Attacks.assertion(used), true);
        fresh.getDocumentElement().replaceChild(oldAssertion, Attacks.assertion(fresh));
        Browser wrapped = new Browser();
        Page rewrapped = wrapped.postFrom(idp.baseUrl().toString(), base + "/saml/acs/dev",
                Map.of("SAMLResponse", base64(ResponseXml.of(fresh))));
        assertThat(rewrapped.errorCode()).isEqualTo(ErrorCode.ASSERTION_REPLAYED.code());
    }

    @Test
    void refusesTransportAbuse() {
        Browser browser = new Browser();
        String sessionBefore = state(browser, "?note=before").get("session");
        startLogin(browser, "dev");
        String idpOrigin = idp.baseUrl().toString();
        String acs = base + "/saml/acs/dev";
        assertRefusedAndUnchanged(browser, browser.postFrom(idpOrigin, acs, Map.of()), ErrorCode.SAML_MESSAGE_MISSING,
                sessionBefore);
        assertRefusedAndUnchanged(browser, browser.postFrom(idpOrigin, acs, Map.of("SAMLResponse", "")),
                ErrorCode.SAML_MESSAGE_MISSING, sessionBefore);
        assertThat(FilterHarness.announcedTenMegabytes(acs)).as("refused from the Content-Length, before the body is read")
                .contains(" 400 ").contains("X-Gatehouse-Error: saml_message_too_large");
        assertRefusedAndUnchanged(browser, browser.get(acs), ErrorCode.METHOD_NOT_ALLOWED, sessionBefore);
        String valid = idp.idp().response().to(acs, base + "/saml/metadata/dev").nameId(ALICE).base64();
        assertRefusedAndUnchanged(browser, browser.postFrom(idpOrigin, acs + "?SAMLResponse=" + java.net.URLEncoder
                .encode(valid, StandardCharsets.UTF_8), Map.of("RelayState", "/app/whoami")),
                ErrorCode.SAML_MESSAGE_MALFORMED, sessionBefore);
        assertRefusedAndUnchanged(browser, browser.postFrom(idpOrigin, acs + "?SAMLResponse=x", Map.of("SAMLResponse",
                valid)), ErrorCode.SAML_MESSAGE_MALFORMED, sessionBefore);
        assertRefusedAndUnchanged(browser, browser.postFrom(idpOrigin, acs + "?SAML%52esponse=x", Map.of(
                "SAMLResponse", valid)), ErrorCode.SAML_MESSAGE_MALFORMED, sessionBefore);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://evil.example/", "//evil.example/", "/\\evil.example", "\\\\evil.example",
        "javascript:alert(1)", "https:evil.example", "%2F%2Fevil.example", "/%2F/evil.example", "/%5Cevil.example",
        "/app/..%2F..%2Fevil", "http://localhost.evil.example/app", "/\t/evil.example", "data:text/html,x"})
    void neverRedirectsOffTheApplication(String target) {
        Browser idpInitiated = new Browser();
        Page page = idpInitiated.postFrom(idp.baseUrl().toString(), base + "/saml/acs/dev", Map.of(
                "SAMLResponse", idp.idp().response().to(base + "/saml/acs/dev", base + "/saml/metadata/dev")
                        .nameId(ALICE).base64(), "RelayState", target));
        assertThat(page.url().toString()).isEqualTo(base + "/");
        Browser spInitiated = new Browser();
        Page idpPage = spInitiated.get(base + "/saml/login/dev?returnTo="
                + java.net.URLEncoder.encode(target, StandardCharsets.UTF_8));
        Page done = spInitiated.submit(idpPage, Map.of("user", "bob"));
        assertThat(done.url().toString()).isEqualTo(base + "/");
    }

    private static void assertRefusedAndUnchanged(Browser browser, Page page, ErrorCode expected,
            String sessionBefore) {
        assertThat(page.errorCode()).as(page.body()).isEqualTo(expected.code());
        assertThat(page.status()).isEqualTo(expected.httpStatus());
        assertThat(page.body()).doesNotContain("Exception", "at dev.gatehouse", Attacks.EVIL_USER);
        Map<String, String> after = state(browser, "");
        assertThat(after.get("user")).as("no user in the session").isEqualTo("null");
        assertThat(after.get("session")).as("session untouched").isEqualTo(sessionBefore);
        assertThat(after.get("note")).as("session attributes untouched").isEqualTo("before");
        assertThat(after.get("attributes")).as("nothing written by Gatehouse").isEqualTo("[note]");
    }

    private static void assertTheSameBrowserCanStillSignIn(Login login) {
        Page page = login.browser().submit(login.idpPage(), Map.of("user", "alice"));
        assertThat(page.url().toString()).isEqualTo(base + "/whoami");
        assertThat(page.body()).contains("user=" + ALICE);
    }

    private static Map<String, String> state(Browser browser, String query) {
        String body = browser.get(base + "/public" + query).body();
        Map<String, String> values = new java.util.HashMap<>();
        for (String line : body.split("\n")) {
            int eq = line.indexOf('=');
            values.put(line.substring(0, eq), line.substring(eq + 1));
        }
        return values;
    }

    private static Element first(Document d, String localName) {
        return (Element) d.getElementsByTagNameNS("*", localName).item(0);
    }

    private static void text(Document d, String localName, String value) {
        first(d, localName).setTextContent(value);
    }

    private static void xinclude(Document d) {
        Element extensions = d.createElementNS("urn:oasis:names:tc:SAML:2.0:protocol", "saml2p:Extensions");
        Element include = d.createElementNS("http://www.w3.org/2001/XInclude", "xi:include");
        include.setAttribute("href", "file:///etc/passwd");
        include.setAttribute("parse", "text");
        extensions.appendChild(include);
        Element root = d.getDocumentElement();
        root.insertBefore(extensions, first(d, "Status"));
    }

    private static String doctype(String xml, String doctype) {
        return base64(doctype + xml.replaceFirst("<\\?xml[^>]*\\?>", ""));
    }

    private static String bomb() {
        StringBuilder b = new StringBuilder("<!DOCTYPE r [<!ENTITY l0 \"lol\">");
        for (int i = 1; i < 10; i++) {
            b.append("<!ENTITY l").append(i).append(" \"").append(("&l" + (i - 1) + ";").repeat(10)).append("\">");
        }
        return b.append("]>").toString();
    }

    private static String base64(String xml) {
        return Base64.getEncoder().encodeToString(xml.getBytes(StandardCharsets.UTF_8));
    }

    /** Serializes a DOM without pretty-printing. */
    static final class ResponseXml {
        static String of(Document d) {
            return net.shibboleth.utilities.java.support.xml.SerializeSupport.nodeToString(d.getDocumentElement());
        }
    }
}
