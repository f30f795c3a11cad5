package dev.gatehouse.sso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.Fixtures;
import dev.gatehouse.config.KeyOptions;
import dev.gatehouse.config.MessageLimits;
import dev.gatehouse.config.ProviderConfig;
import dev.gatehouse.config.ValidationPolicy;
import dev.gatehouse.crypto.SignatureVerifier;
import dev.gatehouse.crypto.SpKey;
import dev.gatehouse.crypto.SpKeyRing;
import dev.gatehouse.error.ErrorCode;
import dev.gatehouse.error.SamlRejection;
import dev.gatehouse.internal.SecureXml;
import dev.gatehouse.metadata.IdentityProviders.ActiveProvider;
import dev.gatehouse.state.InMemoryReplayCache;
import dev.gatehouse.state.InMemoryRequestStateStore;
import dev.gatehouse.testkit.EncryptedXml;
import dev.gatehouse.testkit.Encryption;
import dev.gatehouse.testkit.ResponseBuilder;
import dev.gatehouse.testkit.TestCredential;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Encrypted assertions, NameIDs and attributes (issue 5), through the full {@link ResponseValidator}: every allowed
 * algorithm combination decrypts; a wrong key, damaged ciphertext, a forbidden algorithm, plaintext where encryption
 * is required, and hostile plaintext inside the ciphertext are refused with their codes. With AES-CBC every failure
 * after the key transport looks the same (no padding or format oracle).
 */
class EncryptedResponseTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final String SAML = "urn:oasis:names:tc:SAML:2.0:assertion";

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final ResponseValidator validator = new ResponseValidator(SecureXml.forMessages(64),
            new SignatureVerifier(), new InMemoryRequestStateStore(clock), new InMemoryReplayCache(clock),
            MessageLimits.DEFAULTS);
    private ActiveProvider provider = provider(Fixtures.currentSpKey(), KeyOptions.defaults(),
            ValidationPolicy.defaults());

    private static ActiveProvider provider(SpKeyRing keys, KeyOptions options, ValidationPolicy validation) {
        ProviderConfig config = Fixtures.provider().keys(keys).keyOptions(options).validation(validation).build();
        return Fixtures.active(config);
    }

    private static Encryption toCurrentKey() {
        return Encryption.assertionTo(TestCredential.spCurrent().certificate());
    }

    private static ResponseBuilder response() {
        return Fixtures.idp().response().at(NOW).to(Fixtures.ACS, Fixtures.SP_ENTITY_ID)
                .attribute("groups", "admins", "Dogs & cats").attribute("mail", "alice@example.com");
    }

    private VerifiedAssertion validate(ResponseBuilder builder) {
        return validate(builder.xml());
    }

    private VerifiedAssertion validate(String xml) {
        AcceptedResponse accepted = validator.validate(new ResponseValidator.Input(
                xml.getBytes(StandardCharsets.UTF_8), provider, null, NOW));
        return accepted.assertion();
    }

    private SamlRejection rejection(ResponseBuilder builder) {
        return rejection(builder.xml());
    }

    private SamlRejection rejection(String xml) {
        try {
            validate(xml);
        } catch (SamlRejection e) {
            return e;
        }
        throw new AssertionError("expected a rejection");
    }

    static Stream<Arguments> allowedCombinations() {
        List<Arguments> all = new ArrayList<>();
        List<String[]> transports = List.of(
                new String[] {Encryption.RSA_OAEP_MGF1P, null, null},
                new String[] {Encryption.RSA_OAEP_MGF1P, Encryption.SHA1, null},
                new String[] {Encryption.RSA_OAEP_MGF1P, Encryption.SHA256, null},
                new String[] {Encryption.RSA_OAEP_11, Encryption.SHA1, Encryption.MGF1_SHA1},
                new String[] {Encryption.RSA_OAEP_11, Encryption.SHA256, Encryption.MGF1_SHA256},
                new String[] {Encryption.RSA_OAEP_11, Encryption.SHA256, null});
        for (String content : Encryption.ALLOWED_CONTENT) {
            for (String[] t : transports) {
                all.add(Arguments.of(content, t[0], t[1], t[2]));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} / {1} / digest {2} / mgf {3}")
    @MethodSource("allowedCombinations")
    void everyAllowedCombinationDecryptsAssertionNameIdAndAttributes(String content, String transport, String digest,
            String mgf) {
        Encryption encryption = toCurrentKey().withAlgorithms(content, transport, digest, mgf)
                .withParts(true, true, true);
        ResponseBuilder builder = response().encrypt(encryption);
        String xml = builder.xml();
        assertThat(xml).contains("EncryptedAssertion").doesNotContain("alice@example.com").doesNotContain("admins");
        VerifiedAssertion assertion = validate(xml);
        assertThat(assertion.nameId()).isEqualTo("alice@example.com");
        assertThat(assertion.assertionId()).isEqualTo(builder.assertionId());
        assertThat(assertion.attribute("groups")).containsExactly("admins", "Dogs & cats");
        assertThat(assertion.attribute("mail")).containsExactly("alice@example.com");
    }

    @Test
    void encryptedNameIdAndAttributesInAPlainAssertionDecrypt() {
        VerifiedAssertion assertion = validate(response().encrypt(toCurrentKey().withParts(false, true, true)));
        assertThat(assertion.nameId()).isEqualTo("alice@example.com");
        assertThat(assertion.attribute("groups")).containsExactly("admins", "Dogs & cats");
    }

    @Test
    void signedResponseAroundAnEncryptedAssertionVerifiesBeforeDecryption() {
        assertThat(validate(response().signResponse(true).encrypt(toCurrentKey())).nameId())
                .isEqualTo("alice@example.com");
        SamlRejection tampered = rejection(response().signResponse(true).encrypt(toCurrentKey())
                .afterSigning(flipCipherValue(1)));
        assertThat(tampered.code()).isEqualTo(ErrorCode.SIGNATURE_INVALID);
    }

    @Test
    void everyKeyOfTheRingIsTriedDuringARollover() {
        provider = provider(new SpKeyRing(List.of(Fixtures.spKey("current", TestCredential.spCurrent(), true),
                Fixtures.spKey("next", TestCredential.spNext(), false))), KeyOptions.defaults(),
                ValidationPolicy.defaults());
        assertThat(validate(response().encrypt(toCurrentKey())).nameId()).isEqualTo("alice@example.com");
        assertThat(validate(response().encrypt(toCurrentKey().withRecipient(TestCredential.spNext().certificate())
                .withParts(true, true, true))).nameId()).isEqualTo("alice@example.com");
    }

    @Test
    void anEncryptedLoginWritesNoLogLine() {
        validate(response().encrypt(toCurrentKey()));
        java.io.PrintStream standardError = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            // slf4j-simple (INFO) writes to System.err: OpenSAML's own decryption loop logged a line per login here
            assertThat(validate(response().encrypt(toCurrentKey())).nameId()).isEqualTo("alice@example.com");
            org.slf4j.LoggerFactory.getLogger(EncryptedResponseTest.class).info("the capture works");
        } finally {
            System.setErr(standardError);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8).strip()).endsWith("the capture works")
                .doesNotContain("org.opensaml").doesNotContain("org.apache.xml.security");
    }

    @Test
    void encryptedToAnotherKeyIsOneDecryptionFailure() {
        Encryption toAttacker = toCurrentKey().withRecipient(TestCredential.attacker().certificate());
        assertThat(rejection(response().encrypt(toAttacker)).code()).isEqualTo(ErrorCode.DECRYPTION_FAILED);
        assertThat(rejection(response().encrypt(toAttacker.withParts(false, true, false))).code())
                .isEqualTo(ErrorCode.DECRYPTION_FAILED);
        assertThat(rejection(response().encrypt(toAttacker.withParts(false, false, true))).code())
                .isEqualTo(ErrorCode.DECRYPTION_FAILED);
    }

    @Test
    void tamperedCiphertextIsTheSameDecryptionFailureForGcmAndCbc() {
        for (String content : List.of(Encryption.AES256_GCM, Encryption.AES128_CBC)) {
            for (int index : new int[] {0, 1}) {
                Encryption encryption = toCurrentKey().withAlgorithms(content, Encryption.RSA_OAEP_MGF1P, null, null);
                SamlRejection rejection = rejection(response().encrypt(encryption).afterSigning(flipCipherValue(index)));
                assertThat(rejection.code()).as(content + " CipherValue " + index)
                        .isEqualTo(ErrorCode.DECRYPTION_FAILED);
            }
        }
    }

    @Test
    void garbageCiphertextUnderAValidKeyIsOneDecryptionFailure() {
        for (boolean gcm : new boolean[] {true, false}) {
            String xml = response().encrypt(toCurrentKey()).afterSigning(EncryptedXml.replacingEncryptedAssertion(
                    EncryptedXml.garbage(TestCredential.spCurrent().certificate(), gcm))).xml();
            assertThat(codeOf(xml)).isEqualTo(ErrorCode.DECRYPTION_FAILED);
        }
    }

    @Test
    void withCbcABrokenSignatureInsideTheCiphertextLooksLikeAnyOtherDecryptionFailure() {
        Consumer<Element> alterNameId = assertion -> assertion.getElementsByTagNameNS(SAML, "NameID").item(0)
                .setTextContent("admin@example.com");
        Encryption cbc = toCurrentKey().withAlgorithms(Encryption.AES256_CBC, Encryption.RSA_OAEP_MGF1P, null, null);
        SamlRejection rejection = rejection(response().encrypt(cbc).beforeEncryption(alterNameId));
        assertThat(rejection.code()).isEqualTo(ErrorCode.DECRYPTION_FAILED);
        assertThat(rejection.getMessage()).doesNotContain("signature does not verify");
        assertThat(rejection.getCause()).isInstanceOf(SamlRejection.class);
        assertThat(((SamlRejection) rejection.getCause()).code()).isEqualTo(ErrorCode.SIGNATURE_INVALID);
        // with GCM the ciphertext is authenticated, so the precise reason may be told
        assertThat(rejection(response().encrypt(toCurrentKey()).beforeEncryption(alterNameId)).code())
                .isEqualTo(ErrorCode.SIGNATURE_INVALID);
    }

    @Test
    void cbcNeedsTheAssertionItselfSignedEvenWhenTheResponseIsSigned() {
        provider = provider(Fixtures.currentSpKey(), KeyOptions.defaults(),
                new ValidationPolicy(false, true, ValidationPolicy.defaults().clockSkew(), null, false));
        Encryption cbc = toCurrentKey().withAlgorithms(Encryption.AES128_CBC, Encryption.RSA_OAEP_MGF1P, null, null);
        assertThat(rejection(response().signAssertion(false).signResponse(true).encrypt(cbc)).code())
                .isEqualTo(ErrorCode.DECRYPTION_FAILED);
        assertThat(validate(response().signAssertion(false).signResponse(true).encrypt(toCurrentKey())).nameId())
                .as("GCM with only the Response signed, when wantAssertionsSigned is false").isEqualTo(
                        "alice@example.com");
    }

    @Test
    void rsa15KeyTransportOnlyWhenAllowed() {
        Encryption rsa15 = toCurrentKey().withAlgorithms(Encryption.AES256_GCM, Encryption.RSA_1_5, null, null);
        SamlRejection refused = rejection(response().encrypt(rsa15));
        assertThat(refused.code()).isEqualTo(ErrorCode.ENCRYPTION_ALGORITHM_FORBIDDEN);
        assertThat(refused.getMessage()).contains("allowRsa15KeyTransport");
        SpKeyRing encryptionOnly = new SpKeyRing(List.of(new SpKey("encryption", TestCredential.spCurrent()
                .privateKey(), TestCredential.spCurrent().certificate(), false, true, false)));
        provider = provider(encryptionOnly, new KeyOptions(null, false, false, true, 2048),
                ValidationPolicy.defaults());
        assertThat(validate(response().encrypt(rsa15)).nameId()).isEqualTo("alice@example.com");
        assertThatThrownBy(() -> provider(Fixtures.currentSpKey(), new KeyOptions(null, false, false, true, 2048),
                ValidationPolicy.defaults())).as("RSA 1.5 to a key that also signs").hasMessageContaining("separate");
    }

    @Test
    void tripleDesAndUnknownAlgorithmsAreRefused() {
        assertThat(rejection(response().encrypt(toCurrentKey().withAlgorithms(Encryption.TRIPLEDES_CBC,
                Encryption.RSA_OAEP_MGF1P, null, null))).code()).isEqualTo(ErrorCode.ENCRYPTION_ALGORITHM_FORBIDDEN);
        assertThat(rejection(response().encrypt(toCurrentKey().withParts(false, true, false).withAlgorithms(
                Encryption.TRIPLEDES_CBC, Encryption.RSA_OAEP_MGF1P, null, null))).code())
                .isEqualTo(ErrorCode.ENCRYPTION_ALGORITHM_FORBIDDEN);
    }

    @Test
    void plaintextIsRefusedWhenEncryptionIsRequired() {
        provider = provider(Fixtures.currentSpKey(), new KeyOptions(null, false, true, false, 2048),
                ValidationPolicy.defaults());
        assertThat(rejection(response()).code()).isEqualTo(ErrorCode.ASSERTION_NOT_ENCRYPTED);
        assertThat(validate(response().encrypt(toCurrentKey())).nameId()).isEqualTo("alice@example.com");
    }

    @Test
    void encryptedPartsWithoutAnSpKeyAreUnsupported() {
        provider = Fixtures.active(Fixtures.provider().build());
        assertThat(rejection(response().encrypt(toCurrentKey())).code())
                .isEqualTo(ErrorCode.ENCRYPTED_ASSERTION_UNSUPPORTED);
        assertThat(rejection(response().encrypt(toCurrentKey().withParts(false, true, false))).code())
                .isEqualTo(ErrorCode.ENCRYPTED_ASSERTION_UNSUPPORTED);
        assertThat(rejection(response().encrypt(toCurrentKey().withParts(false, false, true))).code())
                .isEqualTo(ErrorCode.ENCRYPTED_ASSERTION_UNSUPPORTED);
    }

    @Test
    void aDoctypeInsideTheCiphertextIsNeverParsed() {
        String plaintext = "<!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<saml:Assertion xmlns:saml=\"" + SAML + "\" ID=\"_x\" Version=\"2.0\" "
                + "IssueInstant=\"2026-11-25T10:00:00Z\"><saml:Issuer>&x;</saml:Issuer></saml:Assertion>";
        String xml = response().encrypt(toCurrentKey()).afterSigning(EncryptedXml.replacingEncryptedAssertion(
                EncryptedXml.encryptedAssertion(TestCredential.spCurrent().certificate(), plaintext, true))).xml();
        assertThat(codeOf(xml)).isEqualTo(ErrorCode.DECRYPTION_FAILED);
    }

    @Test
    void somethingOtherThanAnAssertionInsideTheCiphertextIsRefused() {
        String plaintext = "<samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\" ID=\"_x\" "
                + "Version=\"2.0\" IssueInstant=\"2026-11-25T10:00:00Z\"/>";
        String xml = response().encrypt(toCurrentKey()).afterSigning(EncryptedXml.replacingEncryptedAssertion(
                EncryptedXml.encryptedAssertion(TestCredential.spCurrent().certificate(), plaintext, true))).xml();
        SamlRejection rejection = rejection(xml);
        assertThat(rejection.code()).isEqualTo(ErrorCode.DECRYPTION_FAILED);
        assertThat(rejection.getCause()).hasMessageContaining("holds a [Response], not a [Assertion]");
    }

    @Test
    void anEncryptedAssertionWithTwoEncryptedDataOrTwoMethodsIsRefusedBeforeAnyKeyIsUsed() {
        // OpenSAML decrypts the last EncryptedData; a check of the first would let an AES-CBC ciphertext through as
        // if it were the AES-GCM one in front of it, without the CBC rule's single error (a padding oracle)
        for (boolean gcm : new boolean[] {true, false}) {
            String xml = response().encrypt(toCurrentKey()).afterSigning(EncryptedXml.replacingEncryptedAssertion(
                    EncryptedXml.encryptedAssertion(TestCredential.spCurrent().certificate(), "<x/>", gcm))).xml();
            String twoData = xml.replaceFirst("(?s)(<xenc:EncryptedData .*?</xenc:EncryptedData>)", "$1$1");
            SamlRejection rejection = rejection(twoData);
            assertThat(rejection.code()).isEqualTo(ErrorCode.SAML_MESSAGE_MALFORMED);
            assertThat(rejection.getMessage()).contains("[2] EncryptedData elements");
            String twoMethods = xml.replaceFirst("(<xenc:EncryptionMethod [^>]*/>)", "$1$1");
            assertThat(rejection(twoMethods).getMessage()).contains("[2] EncryptionMethod elements");
        }
    }

    @Test
    void anEncryptedIdOrAttributeHoldingAnotherElementIsRefused() {
        assertWrongPlaintextRefused("EncryptedID", "NameID", "<saml:BaseID xmlns:saml=\"" + SAML + "\"/>",
                "holds a [BaseID], not a [NameID]");
        assertWrongPlaintextRefused("EncryptedAttribute", "Attribute",
                "<saml:NameID xmlns:saml=\"" + SAML + "\">mallory</saml:NameID>", "holds a [NameID], not a [Attribute]");
    }

    /** The IdP signs an assertion whose {@code replaced} element is an {@code encrypted} one holding the plaintext. */
    private void assertWrongPlaintextRefused(String encrypted, String replaced, String plaintext, String message) {
        String element = EncryptedXml.encrypted(encrypted, TestCredential.spCurrent().certificate(), plaintext, true);
        SamlRejection rejection = rejection(response().beforeSigningDom(EncryptedXml.replacingFirst(replaced,
                element)));
        assertThat(rejection.code()).isEqualTo(ErrorCode.DECRYPTION_FAILED);
        assertThat(rejection.getCause()).hasMessageContaining(message);
    }

    @Test
    void aWrappedAssertionInsideTheCiphertextIsRefused() {
        Consumer<Element> wrap = assertion -> {
            Element advice = assertion.getOwnerDocument().createElementNS(SAML, "saml2:Advice");
            Element copy = (Element) assertion.cloneNode(true);
            copy.setAttributeNS(null, "ID", "_evil");
            advice.appendChild(copy);
            Element conditions = (Element) assertion.getElementsByTagNameNS(SAML, "Conditions").item(0);
            assertion.insertBefore(advice, conditions.getNextSibling());
        };
        assertThat(rejection(response().encrypt(toCurrentKey()).beforeEncryption(wrap)).code())
                .isEqualTo(ErrorCode.ASSERTION_COUNT_INVALID);
    }

    @Test
    void aCommentInsideTheEncryptedContentIsRefused() {
        // CVE-2017-11427: "alice@example.com<!---->.evil.com" is signed (exclusive c14n drops the comment) as
        // "alice@example.com.evil.com", while a reader of the first text node sees "alice@example.com". The
        // decrypted XML keeps comments, and the decrypted assertion's structure check refuses them as in a plain one.
        Consumer<Element> splitNameId = assertion -> {
            Node nameId = assertion.getElementsByTagNameNS(SAML, "NameID").item(0);
            nameId.getFirstChild().setTextContent("alice@example.com");
            nameId.appendChild(assertion.getOwnerDocument().createComment("x"));
            nameId.appendChild(assertion.getOwnerDocument().createTextNode(".evil.com"));
        };
        SamlRejection rejection = rejection(response().nameId("alice@example.com.evil.com").encrypt(toCurrentKey())
                .beforeEncryption(splitNameId));
        assertThat(rejection.code()).isEqualTo(ErrorCode.XML_CONSTRUCT_FORBIDDEN);
        assertThat(rejection.getMessage()).contains("comment");
    }

    @Test
    void deeplyNestedPlaintextIsOneDecryptionFailureNotACrash() {
        String deep = "<a>".repeat(5000) + "</a>".repeat(5000);
        String plaintext = "<saml:Assertion xmlns:saml=\"" + SAML + "\" ID=\"_x\" Version=\"2.0\" "
                + "IssueInstant=\"2026-11-25T10:00:00Z\">" + deep + "</saml:Assertion>";
        for (boolean gcm : new boolean[] {true, false}) {
            String xml = response().encrypt(toCurrentKey()).afterSigning(EncryptedXml.replacingEncryptedAssertion(
                    EncryptedXml.encryptedAssertion(TestCredential.spCurrent().certificate(), plaintext, gcm))).xml();
            assertThat(codeOf(xml)).isEqualTo(ErrorCode.DECRYPTION_FAILED);
        }
    }

    @Test
    void manyEncryptedKeysAreRefusedBeforeAnyRsaWork() {
        Consumer<Document> moreKeys = d -> {
            Element key = (Element) d.getElementsByTagNameNS("http://www.w3.org/2001/04/xmlenc#", "EncryptedKey")
                    .item(0);
            for (int i = 0; i < 5; i++) {
                Element copy = (Element) key.cloneNode(true);
                copy.removeAttribute("Id");
                key.getParentNode().appendChild(copy);
            }
        };
        SamlRejection rejection = rejection(response().encrypt(toCurrentKey()).afterSigning(moreKeys));
        assertThat(rejection.code()).isEqualTo(ErrorCode.DECRYPTION_FAILED);
        assertThat(rejection.getCause()).hasMessageContaining("EncryptedKey");
    }

    @Test
    void plainAndEncryptedAssertionsTogetherAreRefused() {
        String encrypted = EncryptedXml.encryptedAssertion(TestCredential.spCurrent().certificate(), "<x/>", true);
        String xml = response().xml().replace("</saml2p:Response>", encrypted + "</saml2p:Response>");
        assertThat(xml).contains("EncryptedAssertion").contains("<saml2:Assertion");
        assertThat(codeOf(xml)).isEqualTo(ErrorCode.ASSERTION_COUNT_INVALID);
    }

    private ErrorCode codeOf(String xml) {
        try {
            validate(xml);
        } catch (SamlRejection e) {
            return e.code();
        }
        throw new AssertionError("expected a rejection");
    }

    /** Flips one bit in the {@code index}-th CipherValue (0: the wrapped key, 1: the content). */
    private static Consumer<Document> flipCipherValue(int index) {
        return d -> {
            Node value = d.getElementsByTagNameNS("http://www.w3.org/2001/04/xmlenc#", "CipherValue").item(index);
            byte[] bytes = java.util.Base64.getMimeDecoder().decode(value.getTextContent());
            bytes[bytes.length / 2] ^= 0x01;
            value.setTextContent(java.util.Base64.getEncoder().encodeToString(bytes));
        };
    }
}
