package dev.gatehouse.sso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.Fixtures;
import dev.gatehouse.config.MessageLimits;
import dev.gatehouse.config.ValidationPolicy;
import dev.gatehouse.crypto.AlgorithmPolicy;
import dev.gatehouse.crypto.SignatureVerifier;
import dev.gatehouse.error.ErrorCode;
import dev.gatehouse.error.Problem;
import dev.gatehouse.error.SamlRejection;
import dev.gatehouse.internal.SecureXml;
import dev.gatehouse.metadata.IdentityProviders.ActiveProvider;
import dev.gatehouse.state.InMemoryReplayCache;
import dev.gatehouse.state.InMemoryRequestStateStore;
import dev.gatehouse.state.PendingRequest;
import dev.gatehouse.testkit.Attacks;
import dev.gatehouse.testkit.ResponseBuilder;
import dev.gatehouse.testkit.TestCredential;
import dev.gatehouse.testkit.TestIdp;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.opensaml.saml.saml2.core.StatusCode;
import org.opensaml.saml.saml2.core.SubjectConfirmation;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

class ResponseValidatorTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final String BINDING = "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0";
    private static final String REQUEST_ID = "_req1";

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final InMemoryRequestStateStore requests = new InMemoryRequestStateStore(clock);
    private final ResponseValidator validator = new ResponseValidator(SecureXml.forMessages(64),
            new SignatureVerifier(), requests, new InMemoryReplayCache(clock), MessageLimits.DEFAULTS);
    private final TestIdp idp = Fixtures.idp();
    private ActiveProvider provider = Fixtures.active(Fixtures.provider().build());

    private ResponseBuilder response() {
        return idp.response().at(NOW).to(Fixtures.ACS, Fixtures.SP_ENTITY_ID);
    }

    private ResponseBuilder solicited() {
        requests.save(new PendingRequest(PendingRequest.Kind.AUTHN, REQUEST_ID, "test", "/ctx/after", BINDING, NOW.plusSeconds(600)));
        return response().inResponseTo(REQUEST_ID);
    }

    private VerifiedAssertion validate(ResponseBuilder builder) {
        return validate(builder.xml());
    }

    private VerifiedAssertion validate(String xml) {
        AcceptedResponse accepted = validator.validate(new ResponseValidator.Input(xml.getBytes(StandardCharsets.UTF_8),
                provider, BINDING, NOW));
        accepted.commit();
        return accepted.assertion();
    }

    private ErrorCode rejection(ResponseBuilder builder) {
        return rejectionOf(() -> validate(builder));
    }

    private static ErrorCode rejectionOf(Runnable r) {
        try {
            r.run();
        } catch (SamlRejection e) {
            return e.code();
        }
        throw new AssertionError("expected a rejection");
    }

    private void policy(UnaryOperator<ValidationPolicy> change) {
        provider = Fixtures.active(Fixtures.provider().validation(change.apply(ValidationPolicy.defaults())).build());
    }

    @Test
    void acceptsSolicitedResponseAndReadsTheVerifiedValues() {
        VerifiedAssertion a = validate(solicited().nameId("alice@example.com").sessionIndex("_s1")
                .attribute("groups", "admins").attribute("groups", "users")
                .attributeWithFriendlyName("urn:oid:0.9.2342.19200300.100.1.3", "mail", "alice@example.com"));
        assertThat(a.nameId()).isEqualTo("alice@example.com");
        assertThat(a.issuer()).isEqualTo(Fixtures.IDP_ENTITY_ID);
        assertThat(a.sessionIndex()).isEqualTo("_s1");
        assertThat(a.inResponseTo()).isEqualTo(REQUEST_ID);
        assertThat(a.returnTo()).isEqualTo("/ctx/after");
        assertThat(a.attribute("groups")).containsExactly("admins", "users");
        assertThat(a.attribute("mail")).containsExactly("alice@example.com");
        assertThat(requests.find(REQUEST_ID)).as("the pending request is consumed").isEmpty();
    }

    @Test
    void acceptsUnsolicitedResponseByDefault() {
        VerifiedAssertion a = validate(response());
        assertThat(a.inResponseTo()).isNull();
    }

    @Test
    void refusesUnsolicitedResponseWhenIdpInitiatedIsOff() {
        policy(p -> new ValidationPolicy(true, false, p.clockSkew(), null, false));
        assertThat(rejection(response())).isEqualTo(ErrorCode.UNSOLICITED_RESPONSE_REFUSED);
    }

    @Test
    void acceptsSignedResponseAndAssertion() {
        assertThat(validate(response().signResponse(true)).nameId()).isEqualTo("alice@example.com");
    }

    @Test
    void refusesResponseSignedOnlyOnTheEnvelopeByDefault() {
        assertThat(rejection(response().signAssertion(false).signResponse(true))).isEqualTo(ErrorCode.SIGNATURE_MISSING);
    }

    @Test
    void acceptsResponseSignedOnlyOnTheEnvelopeWhenAllowed() {
        policy(p -> new ValidationPolicy(false, true, p.clockSkew(), null, false));
        assertThat(validate(response().signAssertion(false).signResponse(true)).nameId()).isEqualTo("alice@example.com");
    }

    @Test
    void refusesUnsignedResponse() {
        policy(p -> new ValidationPolicy(false, true, p.clockSkew(), null, false));
        assertThat(rejection(response().signAssertion(false))).isEqualTo(ErrorCode.SIGNATURE_MISSING);
    }

    @Test
    void refusesSignatureByAnotherKeyCarryingACertificateWithTheSameSubject() {
        assertThat(TestCredential.attacker().certificate().getSubjectX500Principal())
                .isEqualTo(TestCredential.idpSigning().certificate().getSubjectX500Principal());
        assertThat(rejection(response().signWith(TestCredential.attacker()))).isEqualTo(ErrorCode.SIGNATURE_INVALID);
    }

    @Test
    void acceptsAnyConfiguredKeyDuringRollover() {
        provider = Fixtures.active(Fixtures.provider().build(),
                List.of(TestCredential.idpSigning(), TestCredential.idpRollover()));
        assertThat(validate(response().signWith(TestCredential.idpRollover())).nameId()).isEqualTo("alice@example.com");
    }

    @Test
    void acceptsEcdsaSignatures() {
        provider = Fixtures.active(Fixtures.provider().build(), List.of(TestCredential.idpEc()));
        assertThat(validate(response().signWith(TestCredential.idpEc())).nameId()).isEqualTo("alice@example.com");
    }

    @Test
    void refusesContentChangedAfterSigning() {
        ResponseBuilder tampered = response().nameId("bob@example.com").afterSigning(d ->
                first(d, "NameID").setTextContent("alice@example.com"));
        assertThat(rejection(tampered)).isEqualTo(ErrorCode.SIGNATURE_INVALID);
    }

    @Test
    void refusesSha1UnlessAllowed() {
        ResponseBuilder sha1 = response().signatureAlgorithm(AlgorithmPolicy.RSA_SHA1).digestAlgorithm(AlgorithmPolicy.SHA1);
        assertThat(rejection(sha1)).isEqualTo(ErrorCode.SIGNATURE_ALGORITHM_FORBIDDEN);
        policy(p -> new ValidationPolicy(true, true, p.clockSkew(), null, true));
        assertThat(validate(response().signatureAlgorithm(AlgorithmPolicy.RSA_SHA1)
                .digestAlgorithm(AlgorithmPolicy.SHA1)).nameId()).isEqualTo("alice@example.com");
    }

    @Test
    void refusesACommentInsideASignedValue() {
        // CVE-2017-11427: the IdP signed "alice@example.com.evil.com"; a comment does not change the digest, but a
        // reader that takes the first text node sees "alice@example.com".
        ResponseBuilder injected = response().nameId("alice@example.com.evil.com")
                .afterSigning(Attacks.commentInNameId("alice@example.com", ".evil.com"));
        assertThat(rejection(injected)).isEqualTo(ErrorCode.XML_CONSTRUCT_FORBIDDEN);
    }

    @Test
    void readsTheWholeValueWhenCdataSplitsIt() {
        ResponseBuilder split = response().nameId("alice@example.com.evil.com")
                .afterSigning(Attacks.cdataInNameId("alice@example.com", ".evil.com"));
        assertThat(validate(split).nameId()).isEqualTo("alice@example.com.evil.com");
    }

    @Test
    void refusesDoctype() {
        String xml = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x \"y\">]>" + response().xml()
                .replaceFirst("<\\?xml[^>]*>", "");
        assertThat(rejectionOf(() -> validate(xml))).isEqualTo(ErrorCode.XML_DOCTYPE_FORBIDDEN);
    }

    @Test
    void refusesASecondAssertion() {
        ResponseBuilder twice = response().afterSigning(d -> {
            Element assertion = first(d, "Assertion");
            Element copy = (Element) assertion.cloneNode(true);
            copy.setAttribute("ID", "_other");
            d.getDocumentElement().appendChild(copy);
        });
        assertThat(rejection(twice)).isEqualTo(ErrorCode.ASSERTION_COUNT_INVALID);
    }

    @Test
    void refusesAnAssertionWrappedInExtensions() {
        ResponseBuilder wrapped = response().afterSigning(d -> {
            Element assertion = first(d, "Assertion");
            Element extensions = d.createElementNS("urn:oasis:names:tc:SAML:2.0:protocol", "samlp:Extensions");
            extensions.appendChild(assertion.cloneNode(true));
            d.getDocumentElement().insertBefore(extensions, d.getDocumentElement().getFirstChild().getNextSibling());
        });
        ErrorCode code = rejection(wrapped);
        assertThat(code).isIn(ErrorCode.ASSERTION_COUNT_INVALID, ErrorCode.DUPLICATE_XML_ID);
    }

    @Test
    void refusesDuplicateIds() {
        ResponseBuilder duplicate = response().afterSigning(d ->
                d.getDocumentElement().setAttribute("ID", first(d, "Assertion").getAttribute("ID")));
        assertThat(rejection(duplicate)).isEqualTo(ErrorCode.DUPLICATE_XML_ID);
    }

    @Test
    void refusesWrongIssuer() {
        assertThat(rejection(response().issuer("https://evil.test"))).isIn(ErrorCode.ISSUER_MISMATCH,
                ErrorCode.SIGNATURE_INVALID);
        assertThat(rejection(response().assertionIssuer("https://evil.test"))).isEqualTo(ErrorCode.ISSUER_MISMATCH);
        assertThat(rejection(response().responseIssuer("https://evil.test"))).isEqualTo(ErrorCode.ISSUER_MISMATCH);
    }

    @Test
    void refusesWrongDestination() {
        assertThat(rejection(response().destination("http://other.test/acs"))).isEqualTo(ErrorCode.DESTINATION_MISMATCH);
    }

    @Test
    void refusesSignedResponseWithoutDestination() {
        assertThat(rejection(response().signResponse(true).destination(null))).isEqualTo(ErrorCode.DESTINATION_MISMATCH);
    }

    @Test
    void refusesWrongRecipient() {
        assertThat(rejection(response().recipient("http://other.test/acs"))).isEqualTo(ErrorCode.RECIPIENT_MISMATCH);
    }

    @Test
    void refusesWrongOrMissingAudience() {
        assertThat(rejection(response().audience("https://other-sp.test"))).isEqualTo(ErrorCode.AUDIENCE_MISMATCH);
        assertThat(rejection(response().noAudienceRestriction())).isEqualTo(ErrorCode.AUDIENCE_MISMATCH);
    }

    @Test
    void appliesTheClockSkewToNotBefore() {
        Duration skew = ValidationPolicy.DEFAULT_CLOCK_SKEW;
        assertThat(validate(response().notBefore(NOW.plus(skew).minusSeconds(1))).nameId()).isNotNull();
        assertThat(rejection(response().notBefore(NOW.plus(skew).plusSeconds(1))))
                .isEqualTo(ErrorCode.ASSERTION_NOT_YET_VALID);
    }

    @Test
    void refusesExpiredAssertion() {
        Duration skew = ValidationPolicy.DEFAULT_CLOCK_SKEW;
        assertThat(rejection(response().notOnOrAfter(NOW.minus(skew).minusSeconds(1))))
                .isEqualTo(ErrorCode.ASSERTION_EXPIRED);
        assertThat(validate(response().notOnOrAfter(NOW.minus(skew).plusSeconds(1))).nameId()).isNotNull();
    }

    @Test
    void refusesExpiredOrMissingBearerConfirmation() {
        Duration skew = ValidationPolicy.DEFAULT_CLOCK_SKEW;
        assertThat(rejection(response().confirmationNotOnOrAfter(NOW.minus(skew).minusSeconds(1))))
                .isEqualTo(ErrorCode.SUBJECT_CONFIRMATION_INVALID);
        assertThat(rejection(response().confirmationNotOnOrAfter(null)))
                .isEqualTo(ErrorCode.SUBJECT_CONFIRMATION_INVALID);
        assertThat(rejection(response().confirmationMethod(SubjectConfirmation.METHOD_HOLDER_OF_KEY)))
                .isEqualTo(ErrorCode.SUBJECT_CONFIRMATION_INVALID);
    }

    @Test
    void refusesUnknownInResponseTo() {
        assertThat(rejection(response().inResponseTo("_never-sent"))).isEqualTo(ErrorCode.IN_RESPONSE_TO_UNKNOWN);
    }

    @Test
    void refusesConfirmationAnsweringAnotherRequest() {
        assertThat(rejection(solicited().confirmationInResponseTo("_other"))).isEqualTo(ErrorCode.IN_RESPONSE_TO_MISMATCH);
    }

    @Test
    void refusesAResponseForAnotherBrowser() {
        String xml = solicited().xml();
        ErrorCode code = rejectionOf(() -> validator.validate(new ResponseValidator.Input(
                xml.getBytes(StandardCharsets.UTF_8), provider, BINDING.replace('0', '1'), NOW)).commit());
        assertThat(code).isEqualTo(ErrorCode.LOGIN_STATE_BROWSER_MISMATCH);
        ErrorCode missing = rejectionOf(() -> validator.validate(new ResponseValidator.Input(
                xml.getBytes(StandardCharsets.UTF_8), provider, null, NOW)).commit());
        assertThat(missing).isEqualTo(ErrorCode.LOGIN_STATE_COOKIE_MISSING);
        assertThat(requests.find(REQUEST_ID)).as("a refused response leaves the request pending").isPresent();
    }

    @Test
    void refusesReplay() {
        String xml = response().xml();
        validate(xml);
        assertThat(rejectionOf(() -> validate(xml))).isEqualTo(ErrorCode.ASSERTION_REPLAYED);
    }

    @Test
    void refusesSecondAnswerToTheSameRequest() {
        validate(solicited());
        assertThat(rejection(response().inResponseTo(REQUEST_ID))).isEqualTo(ErrorCode.IN_RESPONSE_TO_UNKNOWN);
    }

    @Test
    void reportsTheIdpStatusToTheUserOnlyFromASignedResponse() {
        SamlRejection signed = catchRejection(response().signResponse(true).status(StatusCode.RESPONDER,
                StatusCode.AUTHN_FAILED, "User is not assigned to this application"));
        assertThat(signed.code()).isEqualTo(ErrorCode.STATUS_NOT_SUCCESS);
        assertThat(signed.primary().userDetail()).contains(StatusCode.AUTHN_FAILED)
                .contains("User is not assigned to this application");
        SamlRejection unsigned = catchRejection(response().status(StatusCode.RESPONDER, StatusCode.AUTHN_FAILED,
                "Your account is locked, call +1-555-0100"));
        assertThat(unsigned.code()).isEqualTo(ErrorCode.STATUS_NOT_SUCCESS);
        assertThat(unsigned.primary().userDetail()).as("no attacker text on our page").isEmpty();
        SamlRejection forged = catchRejection(response().signResponse(true).signWith(TestCredential.attacker())
                .status(StatusCode.RESPONDER, null, "call us"));
        assertThat(forged.primary().userDetail()).isEmpty();
    }

    @Test
    void anUnsolicitedAssertionCannotBePassedOffAsAnAnswer() {
        // The signed assertion has no InResponseTo; an attacker wraps it in an unsigned Response that names their
        // own pending request, to get past allowIdpInitiated=false.
        policy(p -> new ValidationPolicy(true, false, p.clockSkew(), null, false));
        ResponseBuilder wrapped = solicited().confirmationInResponseTo(null);
        assertThat(rejection(wrapped)).isEqualTo(ErrorCode.IN_RESPONSE_TO_MISMATCH);
        assertThat(requests.find(REQUEST_ID)).isPresent();
    }

    @Test
    void nothingIsConsumedUntilTheCallerCommits() {
        AcceptedResponse accepted = validator.validate(new ResponseValidator.Input(
                solicited().xml().getBytes(StandardCharsets.UTF_8), provider, BINDING, NOW));
        assertThat(requests.find(REQUEST_ID)).as("not consumed before commit").isPresent();
        accepted.commit();
        assertThat(requests.find(REQUEST_ID)).isEmpty();
    }

    @Test
    void refusesDuplicatedSignedInfoChildren() {
        ResponseBuilder twice = response().afterSigning(d -> {
            Element method = (Element) first(d, "Assertion").getElementsByTagNameNS("*", "SignatureMethod").item(0);
            Element copy = (Element) method.cloneNode(true);
            copy.setAttribute("Algorithm", AlgorithmPolicy.RSA_SHA1);
            method.getParentNode().insertBefore(copy, method);
        });
        assertThat(rejection(twice)).isEqualTo(ErrorCode.SIGNATURE_REFERENCE_INVALID);
    }

    @Test
    void requiresAnAuthnStatement() {
        assertThat(rejection(response().noAuthnStatement())).isEqualTo(ErrorCode.AUTHN_STATEMENT_MISSING);
    }

    @Test
    void enforcesMaxAuthenticationAgeWhenSet() {
        ResponseBuilder old = response().authnInstant(NOW.minus(Duration.ofHours(2)));
        assertThat(validate(old).nameId()).isNotNull();
        policy(p -> new ValidationPolicy(true, true, p.clockSkew(), Duration.ofHours(1), false));
        assertThat(rejection(response().authnInstant(NOW.minus(Duration.ofHours(2)))))
                .isEqualTo(ErrorCode.AUTHENTICATION_TOO_OLD);
    }

    @Test
    void refusesAnEndedIdpSession() {
        assertThat(rejection(response().sessionNotOnOrAfter(NOW.minus(Duration.ofHours(1)))))
                .isEqualTo(ErrorCode.SESSION_EXPIRED);
    }

    @Test
    void requiresANameId() {
        assertThat(rejection(response().nameId(null))).isEqualTo(ErrorCode.NAMEID_MISSING);
    }

    @Test
    void refusesEncryptedAssertionsWithAClearCode() {
        String xml = response().signAssertion(false).xml().replace("saml2:Assertion", "saml2:EncryptedAssertion");
        assertThat(rejectionOf(() -> validate(xml))).isEqualTo(ErrorCode.ENCRYPTED_ASSERTION_UNSUPPORTED);
    }

    @Test
    void reportsEveryFailedRuleTogether() {
        SamlRejection rejection = catchRejection(response().audience("https://other-sp.test")
                .destination("http://other.test/acs").recipient("http://other.test/acs"));
        assertThat(rejection.problems()).extracting(Problem::code).contains(ErrorCode.DESTINATION_MISMATCH,
                ErrorCode.AUDIENCE_MISMATCH, ErrorCode.RECIPIENT_MISMATCH);
        assertThat(rejection.getMessage()).contains("Audience mismatch: expected [" + Fixtures.SP_ENTITY_ID
                + "], received [https://other-sp.test]");
    }

    @Test
    void refusesMalformedXml() {
        assertThat(rejectionOf(() -> validate("<samlp:Response"))).isEqualTo(ErrorCode.SAML_MESSAGE_MALFORMED);
        assertThat(rejectionOf(() -> validate("<x/>"))).isEqualTo(ErrorCode.UNEXPECTED_MESSAGE_TYPE);
    }

    private SamlRejection catchRejection(ResponseBuilder builder) {
        try {
            validate(builder);
        } catch (SamlRejection e) {
            return e;
        }
        throw new AssertionError("expected a rejection");
    }

    private static Element first(Document d, String localName) {
        Node n = d.getElementsByTagNameNS("*", localName).item(0);
        return (Element) n;
    }

    @Test
    void neverAcceptsWithoutThrowingForAnyListedRejection() {
        assertThatThrownBy(() -> validate(response().signWith(TestCredential.attacker())))
                .isInstanceOf(SamlRejection.class);
    }

    @Test
    void refusesSignaturesFromIdpKeysBelowTheMinimumSize() {
        provider = Fixtures.active(Fixtures.provider().build(), List.of(TestCredential.idpWeak()));
        assertThatThrownBy(() -> validate(response().signWith(TestCredential.idpWeak())))
                .isInstanceOfSatisfying(SamlRejection.class, weak -> {
                    assertThat(weak.code()).isEqualTo(ErrorCode.SIGNING_KEY_TOO_WEAK);
                    assertThat(weak.getMessage()).contains("RSA 1024 bits").contains("minRsaKeySize 2048");
                });

        provider = Fixtures.active(Fixtures.provider().keyOptions(new dev.gatehouse.config.KeyOptions(null, false,
                false, false, 1024)).build(), List.of(TestCredential.idpWeak()));
        assertThat(validate(response().signWith(TestCredential.idpWeak())).nameId()).as("explicitly loosened")
                .isEqualTo("alice@example.com");
    }

    @Test
    void aWeakKeyNextToAStrongOneIsSkippedNotFatal() {
        provider = Fixtures.active(Fixtures.provider().build(), List.of(TestCredential.idpWeak(),
                TestCredential.idpSigning()));
        assertThat(validate(response()).nameId()).isEqualTo("alice@example.com");
        assertThat(rejection(response().signWith(TestCredential.idpWeak()))).isEqualTo(ErrorCode.SIGNATURE_INVALID);
    }

    private static final String SAML_NS = "urn:oasis:names:tc:SAML:2.0:assertion";

    private static Element add(Element parent, String localName) {
        Element child = parent.getOwnerDocument().createElementNS(SAML_NS, "saml2:" + localName);
        parent.appendChild(child);
        return child;
    }

    /**
     * Values are read from the verified DOM, not through OpenSAML's unmarshallers; what the schema forbids and an
     * unmarshaller would have hidden (keeping the last of two elements, the text after a child element, an empty
     * date as none) is refused, even when the IdP's signature covers it.
     */
    static Stream<Arguments> schemaViolationsUnderAValidSignature() {
        return Stream.of(
                violation("Conditions NotOnOrAfter that is no date", d -> first(d, "Conditions")
                        .setAttribute("NotOnOrAfter", "tomorrow"), "NotOnOrAfter [tomorrow] is not an xs:dateTime"),
                violation("empty bearer NotOnOrAfter", d -> first(d, "SubjectConfirmationData")
                        .setAttribute("NotOnOrAfter", ""), "NotOnOrAfter [] is not an xs:dateTime"),
                violation("AuthnInstant in month 13", d -> first(d, "AuthnStatement")
                        .setAttribute("AuthnInstant", "2026-13-01T00:00:00Z"), "AuthnInstant"),
                violation("IssueInstant with a space", d -> first(d, "Assertion")
                        .setAttribute("IssueInstant", "2026-11-25 10:00:00Z"), "IssueInstant"),
                violation("the Assertion's Issuer holding an element", d -> {
                    Element issuer = (Element) first(d, "Assertion").getElementsByTagNameNS(SAML_NS, "Issuer")
                            .item(0);
                    issuer.setTextContent(Fixtures.IDP_ENTITY_ID);
                    add(issuer, "Audience");
                    issuer.appendChild(d.createTextNode(".evil.example"));
                }, "The Issuer holds an element [Audience] where only text is allowed"),
                violation("NameID holding an element", d -> add(first(d, "NameID"), "Issuer"),
                        "The NameID holds an element"),
                violation("two SubjectConfirmationData", d -> first(d, "SubjectConfirmation").appendChild(
                        first(d, "SubjectConfirmationData").cloneNode(true)),
                        "more than one SubjectConfirmationData"),
                violation("two AuthnContextClassRef", d -> first(d, "AuthnContext").appendChild(
                        first(d, "AuthnContextClassRef").cloneNode(true)), "more than one AuthnContextClassRef"),
                violation("Attribute holding a NameID", d -> add(first(d, "Attribute"), "NameID"),
                        "The Attribute holds an unexpected element [{" + SAML_NS + "}NameID]"),
                violation("AttributeStatement holding an Audience", d -> add(first(d, "AttributeStatement"),
                        "Audience"), "The AttributeStatement holds an unexpected element"));
    }

    private static Arguments violation(String name,
            Consumer<Document> edit, String message) {
        return Arguments.of(name, edit, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schemaViolationsUnderAValidSignature")
    void refusesSchemaViolationsEvenWhenSigned(String name, Consumer<Document> edit,
            String message) {
        assertThat(validate(solicited().attribute("groups", "admins")).nameId()).as("unedited, it is accepted")
                .isEqualTo("alice@example.com");
        assertThatThrownBy(() -> validate(solicited().attribute("groups", "admins").beforeSigningDom(edit)))
                .isInstanceOfSatisfying(SamlRejection.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.SAML_MESSAGE_MALFORMED);
                    assertThat(e.getMessage()).contains(message);
                });
        assertThat(requests.find(REQUEST_ID)).as("a refusal consumes nothing").isPresent();
    }

    @Test
    void refusesAnAssertionWithoutIdUnderAResponseSignature() {
        policy(p -> new ValidationPolicy(false, true, p.clockSkew(), null, false));
        assertThatThrownBy(() -> validate(response().signAssertion(false).signResponse(true)
                .beforeSigningDom(d -> first(d, "Assertion").removeAttribute("ID"))))
                .isInstanceOfSatisfying(SamlRejection.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.SAML_MESSAGE_MALFORMED);
                    assertThat(e.getMessage()).contains("The Assertion has no ID");
                });
    }

    @Test
    void readsTimesWithSevenFractionDigitsAndAnOffsetAsAdfsAndOthersSendThem() {
        VerifiedAssertion a = validate(solicited().beforeSigningDom(d -> {
            first(d, "AuthnStatement").setAttribute("AuthnInstant", "2026-11-25T09:59:58.1839884Z");
            first(d, "Conditions").setAttribute("NotOnOrAfter", "2026-11-25T11:00:00.0000000+01:00");
            first(d, "AuthnStatement").setAttribute("SessionNotOnOrAfter", "2026-11-25T18:00:00.5+00:00");
        }));
        assertThat(a.authnInstant()).isEqualTo(Instant.parse("2026-11-25T09:59:58.183Z"));
        assertThat(a.sessionNotOnOrAfter()).isEqualTo(Instant.parse("2026-11-25T18:00:00.500Z"));
        assertThatThrownBy(() -> validate(response().beforeSigningDom(d -> first(d, "Conditions")
                .setAttribute("NotOnOrAfter", "2026-11-25T10:50:00.0000000+01:00"))))
                .as("+01:00 is honoured: 10:50+01:00 is 09:50Z, before now and the skew")
                .isInstanceOfSatisfying(SamlRejection.class, e -> assertThat(e.code())
                        .isEqualTo(ErrorCode.ASSERTION_EXPIRED));
    }

    @Test
    void readsTheWholeStatusOfAnErrorResponse() {
        assertThatThrownBy(() -> validate(response().status(StatusCode.RESPONDER, StatusCode.AUTHN_FAILED,
                "  MFA was not completed ")))
                .isInstanceOfSatisfying(SamlRejection.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.STATUS_NOT_SUCCESS);
                    assertThat(e.getMessage()).contains("[" + StatusCode.RESPONDER + " / " + StatusCode.AUTHN_FAILED
                            + "] and message [MFA was not completed]");
                });
    }

    @Test
    void trimsOnlyXmlWhiteSpaceSoUnicodeSpacesStayPartOfTheValue() {
        assertThat(rejection(solicited().audience(Fixtures.SP_ENTITY_ID + "\u3000")))
                .as("another SP's entity ID that differs by an ideographic space").isEqualTo(ErrorCode.AUDIENCE_MISMATCH);
        assertThat(validate(response().nameId("admin\u2003")).nameId()).isEqualTo("admin\u2003");
        assertThat(validate(response().nameId("\n  alice@example.com\t")).nameId()).isEqualTo("alice@example.com");
    }

    @Test
    void anAttributeValueWithXsiNilTrueOrOneIsNoValue() {
        for (String nil : new String[] {"true", " 1 "}) {
            VerifiedAssertion a = validate(response().attribute("groups", "admins", "staff").beforeSigningDom(d ->
                    ((Element) first(d, "Attribute").getElementsByTagNameNS(SAML_NS, "AttributeValue").item(0))
                            .setAttributeNS("http://www.w3.org/2001/XMLSchema-instance", "xsi:nil", nil)));
            assertThat(a.attribute("groups")).as(nil).containsExactly("staff");
        }
    }
}
