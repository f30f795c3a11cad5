package dev.gatehouse.sso;

import dev.gatehouse.config.MessageLimits;
import dev.gatehouse.crypto.AlgorithmPolicy;
import dev.gatehouse.crypto.AssertionDecrypter;
import dev.gatehouse.crypto.EncryptionAlgorithms;
import dev.gatehouse.crypto.SignatureVerifier;
import dev.gatehouse.crypto.TrustedKeys;
import dev.gatehouse.error.ErrorCode;
import dev.gatehouse.error.Problem;
import dev.gatehouse.error.SamlRejection;
import dev.gatehouse.internal.SecureXml;
import dev.gatehouse.metadata.IdentityProviders.ActiveProvider;
import dev.gatehouse.sso.check.AssertionCheck;
import dev.gatehouse.sso.check.AudienceCheck;
import dev.gatehouse.sso.check.AuthnStatementCheck;
import dev.gatehouse.sso.check.BearerConfirmationCheck;
import dev.gatehouse.sso.check.CheckContext;
import dev.gatehouse.sso.check.DestinationCheck;
import dev.gatehouse.sso.check.InResponseToCheck;
import dev.gatehouse.sso.check.IssuerCheck;
import dev.gatehouse.sso.check.NameIdCheck;
import dev.gatehouse.sso.check.StatusCheck;
import dev.gatehouse.sso.check.TimeWindowCheck;
import dev.gatehouse.sso.check.UnderstoodConditionsCheck;
import dev.gatehouse.sso.view.AssertionView;
import dev.gatehouse.sso.view.NameIdentifier;
import dev.gatehouse.sso.view.ResponseView;
import dev.gatehouse.sso.view.SamlDom;
import dev.gatehouse.state.PendingRequest;
import dev.gatehouse.state.ReplayCache;
import dev.gatehouse.state.RequestStateStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.opensaml.saml.saml2.core.EncryptedAssertion;
import org.w3c.dom.Element;

/**
 * Decides whether a Response posted to an AssertionConsumerService signs a user in. A Response is accepted only if
 * all of this holds, in this order:
 * <ol>
 *   <li>it parses with {@link SecureXml} (no DOCTYPE, depth limit) and passes {@link ResponseStructure} (exactly one
 *       assertion, signatures only where allowed, unique IDs, no comments, attribute limits);</li>
 *   <li>its top-level status is Success ({@link StatusCheck});</li>
 *   <li>the Assertion arrived encrypted if the provider has {@code wantAssertionsEncrypted};</li>
 *   <li>each signature present verifies against the provider's configured keys only ({@link SignatureVerifier}),
 *       and the Assertion is signed (or, with {@code wantAssertionsSigned=false}, at least the Response). The
 *       Response signature is verified before an EncryptedAssertion is decrypted; the decrypted assertion gets the
 *       same shape check as a plain one before its own signature is verified ({@link #decrypt});</li>
 *   <li>an EncryptedID and EncryptedAttributes inside the verified assertion are decrypted
 *       ({@link EncryptedParts});</li>
 *   <li>every profile rule holds: Issuer, Destination, Audience, time window, understood conditions, bearer
 *       confirmation (Recipient, NotOnOrAfter, InResponseTo), request and browser binding, AuthnStatement, NameID.
 *       All failures are collected and reported together;</li>
 *   <li>on {@link AcceptedResponse#commit()}, which the caller makes after its own last checks: the pending request
 *       is consumed ({@link RequestStateStore#remove}) and the assertion was never accepted before
 *       ({@link ReplayCache}).</li>
 * </ol>
 * Values are read straight from the DOM nodes that were checked and verified ({@link ResponseView},
 * {@link AssertionView}), not through OpenSAML's object model: that is a quarter of the cost of a validation less
 * (BENCHMARKS.md), and the readers refuse what the unmarshallers would have hidden (a second SubjectConfirmationData,
 * an element inside an Issuer, a date that is not an {@code xs:dateTime}). OpenSAML objects are made only for the
 * encrypted parts its decrypter opens. A rejection changes nothing: the request state and the
 * replay cache are only written by the commit.
 *
 * <p>Thread-safe.
 */
public final class ResponseValidator {

    /**
     * The data a validation needs.
     *
     * @param message the decoded Response XML
     * @param provider the provider whose ACS received it
     * @param browserBindingHash SHA-256 (hex) of this browser's login-state cookie, or null if none was sent
     * @param now the current time
     */
    public record Input(byte[] message, ActiveProvider provider, String browserBindingHash, Instant now) {
        public Input {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(provider, "provider");
            Objects.requireNonNull(now, "now");
        }
    }

    private static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
    private static final Set<String> ATTRIBUTE_CHILDREN = Set.of("AttributeValue");

    private final SecureXml xml;
    private final MessageLimits limits;
    private final SignatureVerifier verifier;
    private final RequestStateStore requests;
    private final ReplayCache replays;
    private final EncryptedParts.Cache decryption;

    private final StatusCheck statusCheck = new StatusCheck();
    private final List<AssertionCheck> checks = List.of(new IssuerCheck(), new DestinationCheck(),
            new AudienceCheck(), new TimeWindowCheck(), new UnderstoodConditionsCheck(), new BearerConfirmationCheck(),
            new InResponseToCheck(), new AuthnStatementCheck(), new NameIdCheck());

    public ResponseValidator(SecureXml xml, SignatureVerifier verifier, RequestStateStore requests,
            ReplayCache replays, MessageLimits limits) {
        this.xml = xml;
        this.limits = limits;
        this.verifier = verifier;
        this.requests = requests;
        this.replays = replays;
        this.decryption = new EncryptedParts.Cache(limits);
    }

    /**
     * Validates a Response.
     *
     * @return the accepted response, to be committed after the caller's own checks
     * @throws SamlRejection listing every problem found
     */
    public AcceptedResponse validate(Input input) {
        ResponseStructure structure = ResponseStructure.of(xml.parse(input.message()), limits);
        ResponseView response = ResponseView.read(structure.response());
        ActiveProvider provider = input.provider();
        if (response.status() == null || !response.status().isSuccess()) {
            // The IdP's own words reach the user only from a Response it signed; an unsigned error page text could
            // be anyone's (phishing on this application's origin).
            statusCheck.check(response.status(), isSignedBy(structure, provider));
        }
        if (structure.assertion() == null && structure.encryptedAssertion() == null) {
            throw SamlRejection.of(ErrorCode.ASSERTION_COUNT_INVALID, "The successful Response holds no Assertion");
        }
        if (structure.encryptedAssertion() == null && provider.config().keyOptions().wantAssertionsEncrypted()) {
            throw SamlRejection.of(ErrorCode.ASSERTION_NOT_ENCRYPTED, "The Assertion arrived unencrypted, but "
                    + "wantAssertionsEncrypted is set for this provider", "turn on assertion encryption at the IdP "
                    + "with the encryption certificate from this SP's metadata");
        }
        EncryptedParts encryptedParts = decryption.forProvider(provider.config());

        boolean responseSigned = verifyIfSigned(structure.response(), structure.responseSignature(), provider);
        AssertionView assertion;
        boolean assertionSigned;
        if (structure.encryptedAssertion() != null) {
            Decrypted decrypted = decrypt(EncryptedParts.encryptedAssertion(structure.encryptedAssertion()),
                    encryptedParts, provider);
            assertion = decrypted.assertion();
            assertionSigned = decrypted.signed();
        } else {
            assertionSigned = verifyIfSigned(structure.assertion(), structure.assertionSignature(), provider);
            assertion = AssertionView.read(structure.assertion());
        }
        if (!assertionSigned && (provider.config().validation().wantAssertionsSigned() || !responseSigned)) {
            throw SamlRejection.of(ErrorCode.SIGNATURE_MISSING, responseSigned
                    ? "Only the Response is signed, but the Assertion must carry its own signature"
                    : "Neither the Response nor the Assertion is signed",
                    responseSigned ? "make the IdP sign the assertion (Okta: 'Assertion Signature: Signed'; Entra: "
                            + "'Sign SAML assertion'), or set wantAssertionsSigned to false for this provider"
                            : "make the IdP sign its assertions");
        }
        AssertionView.Subject subject = assertion.subject();
        Element nameIdElement = subject == null ? null
                : encryptedParts.nameId(subject.nameId(), subject.encryptedId());
        NameIdentifier nameId = nameIdElement == null ? null : NameIdentifier.read(nameIdElement);

        String inResponseTo = inResponseTo(response, assertion);
        PendingRequest pending = inResponseTo == null ? null : requests.find(inResponseTo).orElse(null);
        CheckContext context = new CheckContext(response, assertion, nameId, provider, inResponseTo, pending,
                input.browserBindingHash(), input.now(), responseSigned);
        List<Problem> problems = new ArrayList<>();
        for (AssertionCheck check : checks) {
            check.check(context, problems);
        }
        if (!problems.isEmpty()) {
            throw new SamlRejection(problems);
        }

        String replayKey = provider.idp().entityId() + "!" + assertion.id();
        VerifiedAssertion verified = read(provider, assertion, nameId, encryptedParts, inResponseTo, pending);
        return new AcceptedResponse(verified, requests, replays, replayKey, replayExpiry(context));
    }

    /** A decrypted assertion, read, and whether it carried a verified signature. */
    private record Decrypted(AssertionView assertion, boolean signed) {
    }

    /**
     * Decrypts the assertion, checks its shape like a plain one and verifies its signature, if any (the caller
     * requires one as for a plain assertion). With AES-CBC content encryption, which has no integrity of its own,
     * the decrypted assertion must carry a valid signature, and every failure from decryption to that signature is
     * reported as the one {@link ErrorCode#DECRYPTION_FAILED}: whether a forged ciphertext failed in its padding, in
     * parsing or in the signature must not be visible (the XML Encryption padding and format oracles, Jager and
     * Somorovsky 2011). The cause stays attached for the log.
     */
    private Decrypted decrypt(EncryptedAssertion encrypted, EncryptedParts parts, ActiveProvider provider) {
        parts.requireKeys();
        boolean cbc = EncryptionAlgorithms.isCbc(AssertionDecrypter.contentAlgorithm(encrypted));
        try {
            ResponseStructure.Decrypted decrypted = ResponseStructure.decrypted(parts.assertion(encrypted), limits);
            boolean signed = verifyIfSigned(decrypted.assertion(), decrypted.signature(), provider);
            if (cbc && !signed) {
                throw SamlRejection.of(ErrorCode.SIGNATURE_MISSING, "An AES-CBC encrypted assertion is not signed");
            }
            return new Decrypted(AssertionView.read(decrypted.assertion()), signed);
        } catch (RuntimeException | StackOverflowError failure) {
            if (!cbc || (failure instanceof SamlRejection rejection
                    && (rejection.code() == ErrorCode.ENCRYPTION_ALGORITHM_FORBIDDEN
                    || rejection.code() == ErrorCode.ENCRYPTED_ASSERTION_UNSUPPORTED))) {
                throw failure;
            }
            throw new SamlRejection(List.of(new Problem(ErrorCode.DECRYPTION_FAILED, "The AES-CBC encrypted "
                    + "assertion could not be decrypted with any of the SP's encryption keys, or the decrypted "
                    + "assertion is damaged or not validly signed by the IdP", "check that the IdP encrypts to a "
                    + "certificate from this SP's metadata and signs the assertion (required with AES-CBC; better: "
                    + "switch the IdP to AES-GCM)")), failure);
        }
    }

    private boolean verifyIfSigned(Element element, Element signature, ActiveProvider provider) {
        if (signature == null) {
            return false;
        }
        AlgorithmPolicy policy = provider.config().algorithmPolicy();
        TrustedKeys keys = provider.idp().trustedKeys();
        verifier.verify(element, signature, keys, policy);
        return true;
    }

    /**
     * The request the message answers: the bearer confirmation's InResponseTo, which the assertion's signature
     * covers, else the Response's (often unsigned) one. {@link InResponseToCheck} refuses a Response whose value
     * differs, and {@link BearerConfirmationCheck} one whose bearer confirmation lacks it.
     */
    private static String inResponseTo(ResponseView response, AssertionView assertion) {
        if (assertion.subject() != null) {
            for (AssertionView.Confirmation bearer : assertion.subject().bearers()) {
                if (bearer.data() != null && bearer.data().inResponseTo() != null) {
                    return bearer.data().inResponseTo();
                }
            }
        }
        return response.inResponseTo();
    }

    private boolean isSignedBy(ResponseStructure structure, ActiveProvider provider) {
        try {
            return verifyIfSigned(structure.response(), structure.responseSignature(), provider);
        } catch (SamlRejection invalid) {
            return false;
        }
    }

    private static Instant replayExpiry(CheckContext c) {
        Instant latest = c.now();
        AssertionView.Conditions conditions = c.assertion().conditions();
        if (conditions != null && conditions.notOnOrAfter() != null) {
            latest = later(latest, conditions.notOnOrAfter());
        }
        for (AssertionView.Confirmation confirmation : c.assertion().subject().confirmations()) {
            if (confirmation.data() != null && confirmation.data().notOnOrAfter() != null) {
                latest = later(latest, confirmation.data().notOnOrAfter());
            }
        }
        return latest.plus(c.skew()).plusSeconds(1);
    }

    private static Instant later(Instant a, Instant b) {
        return b.isAfter(a) ? b : a;
    }

    private static VerifiedAssertion read(ActiveProvider provider, AssertionView assertion, NameIdentifier nameId,
            EncryptedParts encryptedParts, String inResponseTo, PendingRequest pending) {
        AssertionView.AuthnStatement statement = assertion.authnStatements().get(0);
        Map<String, List<String>> attributes = new LinkedHashMap<>();
        Map<String, String> friendlyNames = new LinkedHashMap<>();
        for (Element attributeStatement : assertion.attributeStatements()) {
            for (Element attribute : encryptedParts.attributes(attributeStatement)) {
                SamlDom.requireOnlySamlChildren(attribute, ATTRIBUTE_CHILDREN);
                String name = SamlDom.attribute(attribute, "Name");
                if (name == null) {
                    continue;
                }
                List<String> values = attributes.computeIfAbsent(name, k -> new ArrayList<>());
                String friendlyName = SamlDom.attribute(attribute, "FriendlyName");
                if (friendlyName != null) {
                    friendlyNames.putIfAbsent(friendlyName, name);
                }
                for (Element value : SamlDom.children(attribute, SamlDom.SAML, "AttributeValue")) {
                    if (!isNil(value)) {
                        values.add(text(value));
                    }
                }
            }
        }
        return new VerifiedAssertion(provider.config().id(), provider.idp().entityId(), assertion.id(),
                nameId.value(), nameId.format(), nameId.nameQualifier(), nameId.spNameQualifier(),
                statement.sessionIndex(), statement.authnInstant(), statement.sessionNotOnOrAfter(),
                statement.authnContextClassRef(), attributes, friendlyNames, inResponseTo,
                pending == null ? null : pending.returnTo());
    }

    /**
     * The whole text of an element: every text and CDATA node below it, joined, without comments or processing
     * instructions (which is what exclusive c14n without comments signed), trimmed. Never just the first text node
     * (CVE-2017-11427 and siblings).
     */
    /** xsi:nil is an xs:boolean: "true" or "1", with XML white space around it. */
    private static boolean isNil(Element value) {
        String nil = SamlDom.xmlTrim(value.getAttributeNS(XSI, "nil"));
        return nil.equals("true") || nil.equals("1");
    }

    private static String text(Element element) {
        return SamlDom.xmlTrim(element.getTextContent());
    }
}
