package dev.gatehouse.testkit;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.opensaml.saml.common.SAMLVersion;
import org.opensaml.saml.saml2.core.Issuer;
import org.opensaml.saml.saml2.core.LogoutRequest;
import org.opensaml.saml.saml2.core.NameID;
import org.opensaml.saml.saml2.core.NameIDType;
import org.opensaml.saml.saml2.core.SessionIndex;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * An IdP-initiated LogoutRequest, signed with real keys, for the HTTP-Redirect binding (detached query signature)
 * or the HTTP-POST binding (enveloped signature). Each method changes one thing. Not thread-safe.
 */
public final class LogoutRequestBuilder {

    private final String idpEntityId;
    private String issuer;
    private String endpoint;
    private String destination;
    private boolean destinationSet;
    private String nameId = "alice@example.com";
    private String nameIdFormat = NameIDType.EMAIL;
    private final List<String> sessionIndexes = new ArrayList<>();
    private Instant issueInstant = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private Instant notOnOrAfter = issueInstant.plus(Duration.ofMinutes(5));
    private String id = "_lr" + UUID.randomUUID().toString().replace("-", "");
    private TestCredential key;
    private String sigAlg = RedirectSigning.RSA_SHA256;
    private final List<Consumer<Document>> afterSigning = new ArrayList<>();
    private Encryption nameIdEncryption;

    LogoutRequestBuilder(String idpEntityId, TestCredential key) {
        this.idpEntityId = idpEntityId;
        this.issuer = idpEntityId;
        this.key = key;
    }

    /** Addresses it to an SP's SingleLogoutService (the URL it goes to, and its Destination). */
    public LogoutRequestBuilder to(String slsUrl) {
        this.endpoint = slsUrl;
        return this;
    }

    public LogoutRequestBuilder nameId(String value) {
        this.nameId = value;
        return this;
    }

    public LogoutRequestBuilder sessionIndex(String... values) {
        sessionIndexes.addAll(List.of(values));
        return this;
    }

    public LogoutRequestBuilder issuer(String value) {
        this.issuer = value;
        return this;
    }

    /** Another Destination attribute than the URL it is sent to (null removes it). */
    public LogoutRequestBuilder destination(String value) {
        this.destination = value;
        this.destinationSet = true;
        return this;
    }

    public LogoutRequestBuilder issueInstant(Instant value) {
        this.issueInstant = value;
        return this;
    }

    public LogoutRequestBuilder notOnOrAfter(Instant value) {
        this.notOnOrAfter = value;
        return this;
    }

    public LogoutRequestBuilder id(String value) {
        this.id = value;
        return this;
    }

    /** Signs with another key. */
    public LogoutRequestBuilder signWith(TestCredential value) {
        this.key = value;
        return this;
    }

    /** Sends it unsigned. */
    public LogoutRequestBuilder unsigned() {
        this.key = null;
        return this;
    }

    /** The SigAlg of the Redirect binding. */
    public LogoutRequestBuilder sigAlg(String value) {
        this.sigAlg = value;
        return this;
    }

    /** Edits the POST binding's DOM after signing. */
    public LogoutRequestBuilder afterSigning(Consumer<Document> edit) {
        afterSigning.add(edit);
        return this;
    }

    /** The request's ID. */
    public String id() {
        return id;
    }

    /** The Redirect-binding URL (signed in the query unless {@link #unsigned()}). */
    public URI redirectUrl(String relayState) {
        return RedirectSigning.url(URI.create(endpoint), "SAMLRequest",
                OpenSaml.toXml(OpenSaml.marshall(build())), relayState, key, sigAlg);
    }

    /** The POST-binding form value (enveloped signature unless {@link #unsigned()}). */
    public String postBase64() {
        LogoutRequest request = build();
        Element element;
        if (key != null) {
            element = Signing.signEnveloped(request, key, sigAlg);
        } else {
            element = OpenSaml.marshall(request);
        }
        afterSigning.forEach(edit -> edit.accept(element.getOwnerDocument()));
        return Base64.getEncoder().encodeToString(OpenSaml.toXml(element).getBytes(StandardCharsets.UTF_8));
    }

    private LogoutRequest build() {
        LogoutRequest request = OpenSaml.build(LogoutRequest.DEFAULT_ELEMENT_NAME);
        request.setID(id);
        request.setVersion(SAMLVersion.VERSION_20);
        request.setIssueInstant(issueInstant);
        request.setNotOnOrAfter(notOnOrAfter);
        request.setDestination(destinationSet ? destination : endpoint);
        Issuer i = OpenSaml.build(Issuer.DEFAULT_ELEMENT_NAME);
        i.setValue(issuer);
        request.setIssuer(i);
        NameID n = OpenSaml.build(NameID.DEFAULT_ELEMENT_NAME);
        n.setValue(nameId);
        n.setFormat(nameIdFormat);
        if (nameIdEncryption != null) {
            request.setEncryptedID(nameIdEncryption.encrypt(n));
        } else {
            request.setNameID(n);
        }
        for (String index : sessionIndexes) {
            SessionIndex s = OpenSaml.build(SessionIndex.DEFAULT_ELEMENT_NAME);
            s.setValue(index);
            request.getSessionIndexes().add(s);
        }
        return request;
    }

    /** Sends the NameID as an EncryptedID, encrypted as {@code settings} says (ADFS does this). */
    public LogoutRequestBuilder encryptNameId(Encryption settings) {
        this.nameIdEncryption = settings;
        return this;
    }

    /** The IdP entity ID. */
    public String idpEntityId() {
        return idpEntityId;
    }
}
