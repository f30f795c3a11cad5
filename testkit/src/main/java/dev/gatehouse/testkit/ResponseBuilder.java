package dev.gatehouse.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.opensaml.core.xml.schema.XSString;
import org.opensaml.saml.common.SAMLVersion;
import org.opensaml.saml.saml2.core.Assertion;
import org.opensaml.saml.saml2.core.Attribute;
import org.opensaml.saml.saml2.core.AttributeStatement;
import org.opensaml.saml.saml2.core.AttributeValue;
import org.opensaml.saml.saml2.core.Audience;
import org.opensaml.saml.saml2.core.AudienceRestriction;
import org.opensaml.saml.saml2.core.AuthnContext;
import org.opensaml.saml.saml2.core.AuthnContextClassRef;
import org.opensaml.saml.saml2.core.AuthnStatement;
import org.opensaml.saml.saml2.core.Conditions;
import org.opensaml.saml.saml2.core.Issuer;
import org.opensaml.saml.saml2.core.NameID;
import org.opensaml.saml.saml2.core.NameIDType;
import org.opensaml.saml.saml2.core.Response;
import org.opensaml.saml.saml2.core.Status;
import org.opensaml.saml.saml2.core.StatusCode;
import org.opensaml.saml.saml2.core.StatusMessage;
import org.opensaml.saml.saml2.core.Subject;
import org.opensaml.saml.saml2.core.SubjectConfirmation;
import org.opensaml.saml.saml2.core.SubjectConfirmationData;
import org.opensaml.security.x509.BasicX509Credential;
import org.opensaml.xmlsec.signature.Signature;
import org.opensaml.xmlsec.signature.support.SignatureConstants;
import org.opensaml.xmlsec.signature.support.SignatureException;
import org.opensaml.xmlsec.signature.support.Signer;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Builds a real SAML 2.0 Response, signed with real keys, and lets a test change any part of it: every default is
 * what a well-behaved IdP sends (assertion signed with RSA-SHA256, bearer confirmation, audience, 5-minute window),
 * and each method breaks or changes one thing. {@link #afterSigning} edits the signed DOM, for tamper and
 * signature-wrapping cases. Not thread-safe; one builder per response.
 *
 * <pre>{@code idp.response().to(acsUrl, spEntityId).inResponseTo(id).nameId("alice").attribute("groups", "admins").base64()}</pre>
 */
public final class ResponseBuilder {

    private final String idpEntityId;
    private Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private String responseIssuer;
    private String assertionIssuer;
    private String destination;
    private String recipient;
    private List<String> audiences = new ArrayList<>();
    private boolean audienceRestriction = true;
    private String inResponseTo;
    private String confirmationInResponseTo;
    private boolean confirmationInResponseToSet;
    private String nameId = "alice@example.com";
    private String nameIdFormat = NameIDType.EMAIL;
    private String confirmationMethod = SubjectConfirmation.METHOD_BEARER;
    private String sessionIndex = "_session-" + UUID.randomUUID();
    private final Map<String, List<String>> attributes = new LinkedHashMap<>();
    private final Map<String, String> friendlyNames = new LinkedHashMap<>();
    private Instant issueInstant;
    private Instant notBefore;
    private Instant notOnOrAfter;
    private Instant confirmationNotOnOrAfter;
    private boolean confirmationNotOnOrAfterSet;
    private Instant confirmationNotBefore;
    private Instant authnInstant;
    private Instant sessionNotOnOrAfter;
    private boolean authnStatement = true;
    private String statusCode = StatusCode.SUCCESS;
    private String secondLevelStatus;
    private String statusMessage;
    private boolean signAssertion = true;
    private boolean signResponse;
    private BasicX509Credential assertionKey;
    private BasicX509Credential responseKey;
    private String signatureAlgorithm = SignatureConstants.ALGO_ID_SIGNATURE_RSA_SHA256;
    private String digestAlgorithm = SignatureConstants.ALGO_ID_DIGEST_SHA256;
    private String responseId = "_r" + UUID.randomUUID().toString().replace("-", "");
    private String assertionId = "_a" + UUID.randomUUID().toString().replace("-", "");
    private final List<Consumer<Response>> beforeSigning = new ArrayList<>();
    private final List<Consumer<Document>> beforeSigningDom = new ArrayList<>();
    private final List<Consumer<Document>> afterSigning = new ArrayList<>();
    private final List<Consumer<Element>> beforeEncryption = new ArrayList<>();
    private Encryption encryption;

    ResponseBuilder(String idpEntityId, TestCredential key) {
        this.idpEntityId = idpEntityId;
        this.responseIssuer = idpEntityId;
        this.assertionIssuer = idpEntityId;
        this.assertionKey = key.toOpenSaml();
        this.responseKey = key.toOpenSaml();
    }

    /** Addresses the response to an SP: Destination and Recipient = the ACS URL, Audience = the SP entity ID. */
    public ResponseBuilder to(String acsUrl, String spEntityId) {
        this.destination = acsUrl;
        this.recipient = acsUrl;
        this.audiences = new ArrayList<>(List.of(spEntityId));
        return this;
    }

    /** The instant all default times are relative to (default: now). */
    public ResponseBuilder at(Instant now) {
        this.now = now.truncatedTo(ChronoUnit.MILLIS);
        return this;
    }

    public ResponseBuilder destination(String destination) {
        this.destination = destination;
        return this;
    }

    public ResponseBuilder recipient(String recipient) {
        this.recipient = recipient;
        return this;
    }

    /** Replaces the audiences of the one AudienceRestriction. */
    public ResponseBuilder audience(String... audiences) {
        this.audiences = new ArrayList<>(List.of(audiences));
        return this;
    }

    /** Leaves out the AudienceRestriction entirely. */
    public ResponseBuilder noAudienceRestriction() {
        this.audienceRestriction = false;
        return this;
    }

    /** Sets InResponseTo on the Response and, unless set separately, on the bearer confirmation. */
    public ResponseBuilder inResponseTo(String requestId) {
        this.inResponseTo = requestId;
        return this;
    }

    /** Sets InResponseTo on the SubjectConfirmationData only (null removes it). */
    public ResponseBuilder confirmationInResponseTo(String requestId) {
        this.confirmationInResponseTo = requestId;
        this.confirmationInResponseToSet = true;
        return this;
    }

    public ResponseBuilder issuer(String issuer) {
        this.responseIssuer = issuer;
        this.assertionIssuer = issuer;
        return this;
    }

    public ResponseBuilder assertionIssuer(String issuer) {
        this.assertionIssuer = issuer;
        return this;
    }

    public ResponseBuilder responseIssuer(String issuer) {
        this.responseIssuer = issuer;
        return this;
    }

    public ResponseBuilder nameId(String nameId) {
        this.nameId = nameId;
        return this;
    }

    public ResponseBuilder nameIdFormat(String format) {
        this.nameIdFormat = format;
        return this;
    }

    public ResponseBuilder confirmationMethod(String method) {
        this.confirmationMethod = method;
        return this;
    }

    public ResponseBuilder sessionIndex(String sessionIndex) {
        this.sessionIndex = sessionIndex;
        return this;
    }

    /** Removes every attribute added so far (to replace the user's attributes with another IdP's). */
    public ResponseBuilder clearAttributes() {
        attributes.clear();
        friendlyNames.clear();
        return this;
    }

    /** Adds an attribute with one or more values (xs:string typed). */
    public ResponseBuilder attribute(String name, String... values) {
        attributes.computeIfAbsent(name, k -> new ArrayList<>()).addAll(List.of(values));
        return this;
    }

    /** Adds an attribute with a FriendlyName. */
    public ResponseBuilder attributeWithFriendlyName(String name, String friendlyName, String... values) {
        friendlyNames.put(name, friendlyName);
        return attribute(name, values);
    }

    public ResponseBuilder issueInstant(Instant instant) {
        this.issueInstant = instant;
        return this;
    }

    public ResponseBuilder notBefore(Instant instant) {
        this.notBefore = instant;
        return this;
    }

    public ResponseBuilder notOnOrAfter(Instant instant) {
        this.notOnOrAfter = instant;
        return this;
    }

    /** The bearer SubjectConfirmationData NotOnOrAfter (null removes it). */
    public ResponseBuilder confirmationNotOnOrAfter(Instant instant) {
        this.confirmationNotOnOrAfter = instant;
        this.confirmationNotOnOrAfterSet = true;
        return this;
    }

    public ResponseBuilder confirmationNotBefore(Instant instant) {
        this.confirmationNotBefore = instant;
        return this;
    }

    public ResponseBuilder authnInstant(Instant instant) {
        this.authnInstant = instant;
        return this;
    }

    public ResponseBuilder sessionNotOnOrAfter(Instant instant) {
        this.sessionNotOnOrAfter = instant;
        return this;
    }

    public ResponseBuilder noAuthnStatement() {
        this.authnStatement = false;
        return this;
    }

    /** A non-success status, e.g. {@code StatusCode.RESPONDER}, with a second-level code and message. */
    public ResponseBuilder status(String topLevel, String secondLevel, String message) {
        this.statusCode = topLevel;
        this.secondLevelStatus = secondLevel;
        this.statusMessage = message;
        return this;
    }

    /** Whether to sign the Assertion (default true). */
    public ResponseBuilder signAssertion(boolean sign) {
        this.signAssertion = sign;
        return this;
    }

    /** Whether to sign the Response (default false). */
    public ResponseBuilder signResponse(boolean sign) {
        this.signResponse = sign;
        return this;
    }

    /** Signs both the assertion and the response with this key (its certificate goes into KeyInfo). */
    public ResponseBuilder signWith(TestCredential key) {
        this.assertionKey = key.toOpenSaml();
        this.responseKey = key.toOpenSaml();
        return this;
    }

    public ResponseBuilder signatureAlgorithm(String uri) {
        this.signatureAlgorithm = uri;
        return this;
    }

    public ResponseBuilder digestAlgorithm(String uri) {
        this.digestAlgorithm = uri;
        return this;
    }

    public ResponseBuilder assertionId(String id) {
        this.assertionId = id;
        return this;
    }

    public ResponseBuilder responseId(String id) {
        this.responseId = id;
        return this;
    }

    /** Edits the OpenSAML objects before they are signed. */
    public ResponseBuilder beforeSigning(Consumer<Response> edit) {
        beforeSigning.add(edit);
        return this;
    }

    /** Edits the marshalled DOM just before it is signed, so the signatures cover the edit. */
    public ResponseBuilder beforeSigningDom(Consumer<Document> edit) {
        beforeSigningDom.add(edit);
        return this;
    }

    /** Edits the DOM after signing (tampering, wrapping). */
    public ResponseBuilder afterSigning(Consumer<Document> edit) {
        afterSigning.add(edit);
        return this;
    }

    /**
     * Encrypts what {@code settings} names: the NameID and attributes before the assertion is signed (its signature
     * covers their encrypted form), the assertion after it is signed, as IdPs do.
     */
    public ResponseBuilder encrypt(Encryption settings) {
        this.encryption = settings;
        return this;
    }

    /** Edits the signed assertion's DOM just before it is encrypted (a damaged or wrapped plaintext). */
    public ResponseBuilder beforeEncryption(Consumer<Element> edit) {
        beforeEncryption.add(edit);
        return this;
    }

    /** The assertion ID this builder uses. */
    public String assertionId() {
        return assertionId;
    }

    /** Builds, signs and applies the after-signing edits. */
    public Document document() {
        Response response = buildResponse();
        beforeSigning.forEach(edit -> edit.accept(response));
        Signature assertionSignature = signAssertion ? signature(assertionKey) : null;
        Signature responseSignature = signResponse ? signature(responseKey) : null;
        Assertion assertion = response.getAssertions().isEmpty() ? null : response.getAssertions().get(0);
        if (assertion != null && encryption != null && encryption.assertion()) {
            response.getAssertions().remove(assertion);
            response.getEncryptedAssertions().add(encryption.encrypt(signedAlone(assertion, assertionSignature)));
            assertion = null;
        }
        if (assertionSignature != null && assertion != null) {
            assertion.setSignature(assertionSignature);
            digest(assertionSignature);
        }
        if (responseSignature != null) {
            response.setSignature(responseSignature);
            digest(responseSignature);
        }
        Element element = OpenSaml.marshall(response);
        beforeSigningDom.forEach(edit -> edit.accept(element.getOwnerDocument()));
        try {
            if (assertionSignature != null && assertion != null) {
                Signer.signObject(assertionSignature);
            }
            if (responseSignature != null) {
                Signer.signObject(responseSignature);
            }
        } catch (SignatureException e) {
            throw new IllegalStateException("signing failed", e);
        }
        Document document = element.getOwnerDocument();
        afterSigning.forEach(edit -> edit.accept(document));
        return document;
    }

    /** Signs the assertion as the root of its own document and applies the before-encryption edits. */
    private Assertion signedAlone(Assertion assertion, Signature signature) {
        if (signature != null) {
            assertion.setSignature(signature);
            digest(signature);
        }
        Element element = OpenSaml.marshall(assertion);
        try {
            if (signature != null) {
                Signer.signObject(signature);
            }
        } catch (SignatureException e) {
            throw new IllegalStateException("signing failed", e);
        }
        beforeEncryption.forEach(edit -> edit.accept(element));
        return assertion;
    }

    /** The response XML. */
    public String xml() {
        return OpenSaml.toXml(document().getDocumentElement());
    }

    /** The response as the HTTP-POST binding carries it. */
    public String base64() {
        return Base64.getEncoder().encodeToString(xml().getBytes(StandardCharsets.UTF_8));
    }

    private Response buildResponse() {
        Response response = OpenSaml.build(Response.DEFAULT_ELEMENT_NAME);
        response.setID(responseId);
        response.setVersion(SAMLVersion.VERSION_20);
        response.setIssueInstant(issueInstant != null ? issueInstant : now);
        response.setDestination(destination);
        response.setInResponseTo(inResponseTo);
        if (responseIssuer != null) {
            response.setIssuer(issuerElement(responseIssuer));
        }
        Status status = OpenSaml.build(Status.DEFAULT_ELEMENT_NAME);
        StatusCode code = OpenSaml.build(StatusCode.DEFAULT_ELEMENT_NAME);
        code.setValue(statusCode);
        if (secondLevelStatus != null) {
            StatusCode second = OpenSaml.build(StatusCode.DEFAULT_ELEMENT_NAME);
            second.setValue(secondLevelStatus);
            code.setStatusCode(second);
        }
        status.setStatusCode(code);
        if (statusMessage != null) {
            StatusMessage message = OpenSaml.build(StatusMessage.DEFAULT_ELEMENT_NAME);
            message.setValue(statusMessage);
            status.setStatusMessage(message);
        }
        response.setStatus(status);
        if (StatusCode.SUCCESS.equals(statusCode)) {
            response.getAssertions().add(buildAssertion());
        }
        return response;
    }

    private Assertion buildAssertion() {
        Assertion assertion = OpenSaml.build(Assertion.DEFAULT_ELEMENT_NAME);
        assertion.setID(assertionId);
        assertion.setVersion(SAMLVersion.VERSION_20);
        assertion.setIssueInstant(issueInstant != null ? issueInstant : now);
        assertion.setIssuer(issuerElement(assertionIssuer));

        Subject subject = OpenSaml.build(Subject.DEFAULT_ELEMENT_NAME);
        if (nameId != null) {
            NameID id = OpenSaml.build(NameID.DEFAULT_ELEMENT_NAME);
            id.setValue(nameId);
            id.setFormat(nameIdFormat);
            if (encryption != null && encryption.nameId()) {
                subject.setEncryptedID(encryption.encrypt(id));
            } else {
                subject.setNameID(id);
            }
        }
        SubjectConfirmation confirmation = OpenSaml.build(SubjectConfirmation.DEFAULT_ELEMENT_NAME);
        confirmation.setMethod(confirmationMethod);
        SubjectConfirmationData data = OpenSaml.build(SubjectConfirmationData.DEFAULT_ELEMENT_NAME);
        data.setRecipient(recipient);
        data.setNotOnOrAfter(confirmationNotOnOrAfterSet ? confirmationNotOnOrAfter : now.plus(Duration.ofMinutes(5)));
        data.setNotBefore(confirmationNotBefore);
        data.setInResponseTo(confirmationInResponseToSet ? confirmationInResponseTo : inResponseTo);
        confirmation.setSubjectConfirmationData(data);
        subject.getSubjectConfirmations().add(confirmation);
        assertion.setSubject(subject);

        Conditions conditions = OpenSaml.build(Conditions.DEFAULT_ELEMENT_NAME);
        conditions.setNotBefore(notBefore != null ? notBefore : now.minus(Duration.ofSeconds(30)));
        conditions.setNotOnOrAfter(notOnOrAfter != null ? notOnOrAfter : now.plus(Duration.ofMinutes(5)));
        if (audienceRestriction) {
            AudienceRestriction restriction = OpenSaml.build(AudienceRestriction.DEFAULT_ELEMENT_NAME);
            for (String uri : audiences) {
                Audience audience = OpenSaml.build(Audience.DEFAULT_ELEMENT_NAME);
                audience.setURI(uri);
                restriction.getAudiences().add(audience);
            }
            conditions.getAudienceRestrictions().add(restriction);
        }
        assertion.setConditions(conditions);

        if (authnStatement) {
            AuthnStatement statement = OpenSaml.build(AuthnStatement.DEFAULT_ELEMENT_NAME);
            statement.setAuthnInstant(authnInstant != null ? authnInstant : now);
            statement.setSessionIndex(sessionIndex);
            statement.setSessionNotOnOrAfter(sessionNotOnOrAfter);
            AuthnContext context = OpenSaml.build(AuthnContext.DEFAULT_ELEMENT_NAME);
            AuthnContextClassRef classRef = OpenSaml.build(AuthnContextClassRef.DEFAULT_ELEMENT_NAME);
            classRef.setURI(AuthnContext.PPT_AUTHN_CTX);
            context.setAuthnContextClassRef(classRef);
            statement.setAuthnContext(context);
            assertion.getAuthnStatements().add(statement);
        }
        if (!attributes.isEmpty()) {
            AttributeStatement statement = OpenSaml.build(AttributeStatement.DEFAULT_ELEMENT_NAME);
            attributes.forEach((name, values) -> {
                Attribute attribute = OpenSaml.build(Attribute.DEFAULT_ELEMENT_NAME);
                attribute.setName(name);
                attribute.setNameFormat(Attribute.UNSPECIFIED);
                attribute.setFriendlyName(friendlyNames.get(name));
                for (String value : values) {
                    XSString v = OpenSaml.build(AttributeValue.DEFAULT_ELEMENT_NAME, XSString.TYPE_NAME);
                    v.setValue(value);
                    attribute.getAttributeValues().add(v);
                }
                if (encryption != null && encryption.attributes()) {
                    statement.getEncryptedAttributes().add(encryption.encrypt(attribute));
                } else {
                    statement.getAttributes().add(attribute);
                }
            });
            assertion.getAttributeStatements().add(statement);
        }
        return assertion;
    }

    private static Issuer issuerElement(String value) {
        Issuer issuer = OpenSaml.build(Issuer.DEFAULT_ELEMENT_NAME);
        issuer.setValue(value);
        issuer.setFormat(NameIDType.ENTITY);
        return issuer;
    }

    private Signature signature(BasicX509Credential key) {
        return Signing.signature(key, signatureAlgorithm);
    }

    private void digest(Signature signature) {
        Signing.digest(signature, digestAlgorithm);
    }

    /** The IdP entity ID this builder signs for. */
    public String idpEntityId() {
        return idpEntityId;
    }
}
