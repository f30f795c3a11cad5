package dev.gatehouse.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.error.ErrorCode;
import dev.gatehouse.error.SamlRejection;
import dev.gatehouse.internal.OpenSamlBootstrap;
import dev.gatehouse.internal.SecureXml;
import dev.gatehouse.testkit.TestCredential;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.apache.xml.security.c14n.Canonicalizer;
import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.transforms.Transforms;
import org.apache.xml.security.transforms.params.InclusiveNamespaces;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Both verification paths of {@link SignatureVerifier} on real RSA signatures made by Santuario: the usual shape
 * (Gatehouse's own canonicalizer) and the other allowed shapes (Santuario's reference processing), each accepting the
 * signed element and refusing it changed, re-signed by another key, or with a broken SignatureValue; and the shape
 * rules for InclusiveNamespaces. The message is serialized and parsed again by Gatehouse's parser before it is
 * verified, as a received message is.
 */
class SignatureVerifierTest {

    private static final String XML = "<p:Outer xmlns:p='urn:p' xmlns:xs='urn:xs' xmlns:unused='urn:u'>"
            + "<p:Signed ID='_s1' xmlns:q='urn:q' q:a='1' b='&quot;2&#x9;'>\n  <q:Value type='xs:string'>alice"
            + " &amp; bob</q:Value><!--a comment-->\r\n <Plain xmlns='urn:d'><x xmlns=''>é\uD83D\uDE00</x></Plain>"
            + "</p:Signed></p:Outer>";

    private final SignatureVerifier verifier = new SignatureVerifier();
    private final TrustedKeys trusted = new TrustedKeys("https://idp.example.com",
            List.of(TestCredential.idpSigning().certificate()));

    @BeforeAll
    static void init() {
        OpenSamlBootstrap.ensureInitialized();
    }

    /** The shapes: the usual one and its variants, and the ones only Santuario's own path handles. */
    enum Shape {
        USUAL(Canonicalizer.ALGO_ID_C14N_EXCL_OMIT_COMMENTS, "xs", Transforms.TRANSFORM_ENVELOPED_SIGNATURE,
                Transforms.TRANSFORM_C14N_EXCL_OMIT_COMMENTS),
        NO_PREFIX_LIST(Canonicalizer.ALGO_ID_C14N_EXCL_OMIT_COMMENTS, null, Transforms.TRANSFORM_ENVELOPED_SIGNATURE,
                Transforms.TRANSFORM_C14N_EXCL_OMIT_COMMENTS),
        WITH_COMMENTS(Canonicalizer.ALGO_ID_C14N_EXCL_WITH_COMMENTS, "xs #default",
                Transforms.TRANSFORM_ENVELOPED_SIGNATURE, Transforms.TRANSFORM_C14N_EXCL_WITH_COMMENTS),
        SIGNED_INFO_PREFIX_LIST(Canonicalizer.ALGO_ID_C14N_EXCL_OMIT_COMMENTS, "xs",
                Transforms.TRANSFORM_ENVELOPED_SIGNATURE, Transforms.TRANSFORM_C14N_EXCL_OMIT_COMMENTS),
        ENVELOPED_ONLY(Canonicalizer.ALGO_ID_C14N_EXCL_OMIT_COMMENTS, null, Transforms.TRANSFORM_ENVELOPED_SIGNATURE);

        final String signedInfoC14n;
        final String prefixList;
        final String[] transforms;

        Shape(String signedInfoC14n, String prefixList, String... transforms) {
            this.signedInfoC14n = signedInfoC14n;
            this.prefixList = prefixList;
            this.transforms = transforms;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"USUAL", "NO_PREFIX_LIST", "WITH_COMMENTS", "SIGNED_INFO_PREFIX_LIST", "ENVELOPED_ONLY"})
    void acceptsEachAllowedShapeAndRefusesItChanged(String shapeName) throws Exception {
        Shape shape = Shape.valueOf(shapeName);
        String signed = sign(shape, TestCredential.idpSigning(), XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA256);
        assertThatCode(() -> verify(signed)).doesNotThrowAnyException();

        String changedText = signed.replace("alice &amp; bob", "mallory");
        SamlRejection changed = refusal(changedText);
        assertThat(changed.code()).isEqualTo(ErrorCode.SIGNATURE_INVALID);
        // Which path judged it: Gatehouse's canonicalizer names the digest, Santuario's path cannot tell which.
        assertThat(changed.getMessage()).contains(shape == Shape.ENVELOPED_ONLY
                ? "signature value or digest does not match" : "does not match its DigestValue");
        String changedAttribute = signed.replace("q:a=\"1\"", "q:a=\"2\"");
        assertThat(refusal(changedAttribute).code()).isEqualTo(ErrorCode.SIGNATURE_INVALID);
        String otherKey = sign(shape, TestCredential.attacker(), XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA256);
        assertThat(refusal(otherKey).getMessage()).contains("does not verify with any of the [1] configured");
    }

    @Test
    void namesTheDigestWhenTheContentChangedAndTheSignatureValueWhenThatDid() throws Exception {
        String signed = sign(Shape.USUAL, TestCredential.idpSigning(), XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA512);
        assertThat(refusal(signed.replace("alice", "alicf")).getMessage())
                .contains("digest of the signed Signed does not match its DigestValue");
        int value = signed.indexOf("<ds:SignatureValue>") + "<ds:SignatureValue>".length();
        while (Character.isWhitespace(signed.charAt(value)) || signed.charAt(value) == '&') {
            value = signed.charAt(value) == '&' ? signed.indexOf(';', value) + 1 : value + 1;
        }
        char first = signed.charAt(value);
        String brokenValue = signed.substring(0, value) + (first == 'A' ? 'B' : 'A') + signed.substring(value + 1);
        assertThat(refusal(brokenValue).getMessage()).contains("signature value does not match");
    }

    @Test
    void ignoresCommentsInTheSignedElementAsAnIdReferenceRequires() throws Exception {
        // The comment sits inside the signed element; a "#ID" reference drops it even under #WithComments, so
        // changing it leaves the signature valid, exactly as Santuario computed it when signing.
        String signed = sign(Shape.WITH_COMMENTS, TestCredential.idpSigning(),
                XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA256);
        assertThatCode(() -> verify(signed.replace("a comment", "another comment"))).doesNotThrowAnyException();
    }

    @Test
    void refusesAnInclusiveNamespacesOutsideItsNamespaceOrTwice() throws Exception {
        String signed = sign(Shape.USUAL, TestCredential.idpSigning(), XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA256);
        String foreign = signed.replace("xmlns:ec=\"http://www.w3.org/2001/10/xml-exc-c14n#\"",
                "xmlns:ec=\"urn:not-exc-c14n\"");
        assertThat(foreign).isNotEqualTo(signed);
        SamlRejection refusal = refusal(foreign);
        assertThat(refusal.code()).isEqualTo(ErrorCode.SIGNATURE_REFERENCE_INVALID);
        assertThat(refusal.getMessage()).contains("only hold one InclusiveNamespaces");

        int at = signed.indexOf("<ec:InclusiveNamespaces");
        int end = signed.indexOf("/>", at) + 2;
        String twice = signed.substring(0, end) + signed.substring(at, end) + signed.substring(end);
        assertThat(refusal(twice).code()).isEqualTo(ErrorCode.SIGNATURE_REFERENCE_INVALID);
    }

    @Test
    void refusesADigestValueHoldingElements() throws Exception {
        String signed = sign(Shape.USUAL, TestCredential.idpSigning(), XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA256);
        String broken = signed.replaceFirst("<ds:DigestValue>", "<ds:DigestValue><ds:X/>");
        SamlRejection refusal = refusal(broken);
        assertThat(refusal.code()).isEqualTo(ErrorCode.SIGNATURE_REFERENCE_INVALID);
        assertThat(refusal.getMessage()).contains("DigestValue holds elements");
    }

    @Test
    void refusesAnUndecodableDigestValue() throws Exception {
        String signed = sign(Shape.USUAL, TestCredential.idpSigning(), XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA256);
        String broken = signed.replaceFirst("<ds:DigestValue>", "<ds:DigestValue>*");
        SamlRejection refusal = refusal(broken);
        assertThat(refusal.code()).isEqualTo(ErrorCode.SIGNATURE_REFERENCE_INVALID);
        assertThat(refusal.getMessage()).contains("DigestValue is not valid base64");
    }

    private void verify(String xml) {
        Document document = SecureXml.forMessages(64).parse(xml.getBytes(StandardCharsets.UTF_8));
        Element signed = (Element) document.getElementsByTagNameNS("urn:p", "Signed").item(0);
        Element signature = (Element) signed.getElementsByTagNameNS("http://www.w3.org/2000/09/xmldsig#", "Signature").item(0);
        verifier.verify(signed, signature, trusted, AlgorithmPolicy.secureDefaults());
    }

    private SamlRejection refusal(String xml) {
        try {
            verify(xml);
        } catch (SamlRejection e) {
            return e;
        }
        throw new AssertionError("accepted: " + xml);
    }

    /** Signs p:Signed with Santuario in the given shape; returns the serialized document. */
    private static String sign(Shape shape, TestCredential key, String signatureMethod) throws Exception {
        Document document = SecureXml.forMessages(64).parse(XML.getBytes(StandardCharsets.UTF_8));
        Element signed = (Element) document.getElementsByTagNameNS("urn:p", "Signed").item(0);
        signed.setIdAttributeNS(null, "ID", true);
        XMLSignature signature = new XMLSignature(document, null, signatureMethod, shape.signedInfoC14n);
        signed.insertBefore(signature.getElement(), signed.getFirstChild());
        Transforms transforms = new Transforms(document);
        for (String transform : shape.transforms) {
            transforms.addTransform(transform);
        }
        if (shape == Shape.SIGNED_INFO_PREFIX_LIST) {
            Element method = (Element) signature.getElement().getElementsByTagNameNS(
                    "http://www.w3.org/2000/09/xmldsig#", "CanonicalizationMethod").item(0);
            method.appendChild(new InclusiveNamespaces(document, "xs #default").getElement());
        }
        if (shape.prefixList != null) {
            transforms.item(1).getElement().appendChild(new InclusiveNamespaces(document, shape.prefixList)
                    .getElement());
        }
        signature.addDocument("#_s1", transforms, "http://www.w3.org/2001/04/xmlenc#sha256");
        signature.sign(key.privateKey());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TransformerFactory.newInstance().newTransformer().transform(new DOMSource(document), new StreamResult(out));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theTestSignsTheUsualShapeWithAPrefixList() throws Exception {
        String signed = sign(Shape.USUAL, TestCredential.idpSigning(), XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA256);
        assertThat(signed).contains("PrefixList=\"xs\"").contains(Transforms.TRANSFORM_ENVELOPED_SIGNATURE);
        assertThatThrownBy(() -> verify(signed.replace("alice", "eve"))).isInstanceOf(SamlRejection.class);
    }
}
