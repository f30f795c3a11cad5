package dev.gatehouse.crypto;

import dev.gatehouse.bench.Samples;
import dev.gatehouse.bench.Samples.Variant;
import dev.gatehouse.internal.OpenSamlBootstrap;
import dev.gatehouse.internal.SecureXml;
import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.xml.security.c14n.Canonicalizer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The Reference's digest of a signed assertion, as the signature check computes it: exclusive c14n of the parsed
 * Assertion without its Signature, fed to SHA-256, by Santuario's canonicalizer (what Gatehouse used before) and by
 * {@link ExclusiveCanonicalizer}, plus the SHA-256 of the same canonical bytes alone. In this package because the
 * canonicalizer is package-private. The set-up checks that both produce the digest the IdP signed.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class CanonicalizationBenchmark {

    private static final String DSIG = "http://www.w3.org/2000/09/xmldsig#";
    private static final int DOCUMENTS = 64;

    @Param({"ASSERTION_SIGNED", "MANY_VALUES"})
    public Variant variant;

    @Param({"santuario", "gatehouse", "sha256Only"})
    public String canonicalizer;

    private final List<Element> assertions = new ArrayList<>();
    private final List<Element> signatures = new ArrayList<>();
    private String prefixList;
    private byte[] canonical;
    private MessageDigest sha256;
    private Canonicalizer santuario;
    private ExclusiveCanonicalizer gatehouse;
    private int next;

    @Setup
    public void setUp() throws Exception {
        OpenSamlBootstrap.ensureInitialized();
        SecureXml xml = SecureXml.forMessages(64);
        for (String response : Samples.responses(variant, DOCUMENTS)) {
            Document document = xml.parse(Base64.getMimeDecoder().decode(response));
            Element assertion = (Element) document.getElementsByTagNameNS(
                    "urn:oasis:names:tc:SAML:2.0:assertion", "Assertion").item(0);
            assertions.add(assertion);
            signatures.add((Element) assertion.getElementsByTagNameNS(DSIG, "Signature").item(0));
        }
        Element transform = (Element) signatures.get(0).getElementsByTagNameNS(DSIG, "Transform").item(1);
        Element inclusive = (Element) transform.getElementsByTagNameNS(Canonicalizer.ALGO_ID_C14N_EXCL_OMIT_COMMENTS,
                "InclusiveNamespaces").item(0);
        this.prefixList = inclusive == null ? "" : inclusive.getAttribute("PrefixList");
        this.sha256 = MessageDigest.getInstance("SHA-256");
        this.santuario = Canonicalizer.getInstance(Canonicalizer.ALGO_ID_C14N_EXCL_OMIT_COMMENTS);
        this.gatehouse = new ExclusiveCanonicalizer(false, ExclusiveCanonicalizer.prefixList(prefixList));
        this.canonical = gatehouse.canonicalize(assertions.get(0), signatures.get(0));
        byte[] signed = Base64.getMimeDecoder().decode(signatures.get(0).getElementsByTagNameNS(DSIG, "DigestValue")
                .item(0).getTextContent());
        for (int i = 0; i < 2; i++) {
            next = 0;
            byte[] digest = i == 0 ? santuario() : gatehouse();
            if (!Arrays.equals(digest, signed)) {
                throw new IllegalStateException((i == 0 ? "Santuario's" : "Gatehouse's")
                        + " digest is not the signed one");
            }
        }
        next = 0;
    }

    /** Back to the first document (for the test: every canonicalizer's digest of one document). */
    void restart() {
        next = 0;
    }

    @Benchmark
    public byte[] digest() throws Exception {
        return switch (canonicalizer) {
            case "santuario" -> santuario();
            case "gatehouse" -> gatehouse();
            default -> sha256.digest(canonical);
        };
    }

    /** Santuario: the Signature removed for the call (as its enveloped transform leaves it out) and put back. */
    private byte[] santuario() throws Exception {
        int i = next++ % DOCUMENTS;
        Element assertion = assertions.get(i);
        Element signature = signatures.get(i);
        org.w3c.dom.Node after = signature.getNextSibling();
        assertion.removeChild(signature);
        try (OutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), sha256)) {
            santuario.canonicalizeSubtree(assertion, prefixList.isEmpty() ? null : prefixList, out);
        } finally {
            assertion.insertBefore(signature, after);
        }
        return sha256.digest();
    }

    private byte[] gatehouse() throws NoSuchAlgorithmException {
        int i = next++ % DOCUMENTS;
        gatehouse.digest(assertions.get(i), signatures.get(i), sha256);
        return sha256.digest();
    }
}
