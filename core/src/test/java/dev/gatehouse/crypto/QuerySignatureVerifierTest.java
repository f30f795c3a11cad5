package dev.gatehouse.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gatehouse.binding.RedirectMessage;
import dev.gatehouse.error.ErrorCode;
import dev.gatehouse.error.SamlRejection;
import dev.gatehouse.testkit.TestCredential;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuerySignatureVerifierTest {

    private static final byte[] OCTETS = "SAMLRequest=abc&SigAlg=x".getBytes(StandardCharsets.UTF_8);
    private final QuerySignatureVerifier verifier = new QuerySignatureVerifier();

    private static RedirectMessage signed(TestCredential key, String jca, String sigAlg) throws Exception {
        Signature s = Signature.getInstance(jca);
        s.initSign(key.privateKey());
        s.update(OCTETS);
        return new RedirectMessage("SAMLRequest", new byte[0], null, sigAlg, s.sign(), OCTETS);
    }

    private static TrustedKeys keys(TestCredential... credentials) {
        return new TrustedKeys("idp", List.of(credentials).stream().map(TestCredential::certificate).toList());
    }

    @Test
    void acceptsRsaAndBothEcdsaEncodings() throws Exception {
        AlgorithmPolicy policy = AlgorithmPolicy.secureDefaults();
        assertThatCode(() -> verifier.verify(signed(TestCredential.idpSigning(), "SHA256withRSA",
                AlgorithmPolicy.RSA_SHA256), keys(TestCredential.idpSigning()), policy)).doesNotThrowAnyException();
        assertThatCode(() -> verifier.verify(signed(TestCredential.idpEc(), "SHA256withECDSAinP1363Format",
                AlgorithmPolicy.ECDSA_SHA256), keys(TestCredential.idpEc()), policy)).doesNotThrowAnyException();
        assertThatCode(() -> verifier.verify(signed(TestCredential.idpEc(), "SHA256withECDSA",
                AlgorithmPolicy.ECDSA_SHA256), keys(TestCredential.idpEc()), policy))
                .as("DER, as OpenSAML-based IdPs sign").doesNotThrowAnyException();
    }

    @Test
    void refusesOtherKeysTamperedOctetsAndUnlistedAlgorithms() throws Exception {
        AlgorithmPolicy policy = AlgorithmPolicy.secureDefaults();
        RedirectMessage byAttacker = signed(TestCredential.attacker(), "SHA256withRSA", AlgorithmPolicy.RSA_SHA256);
        assertThat(catchThrowableOfType(SamlRejection.class, () -> verifier.verify(byAttacker,
                keys(TestCredential.idpSigning(), TestCredential.idpEc()), policy)).code())
                .isEqualTo(ErrorCode.SIGNATURE_INVALID);
        RedirectMessage good = signed(TestCredential.idpSigning(), "SHA256withRSA", AlgorithmPolicy.RSA_SHA256);
        RedirectMessage tampered = new RedirectMessage("SAMLRequest", new byte[0], null, good.sigAlg(),
                good.signature(), "SAMLRequest=abd&SigAlg=x".getBytes(StandardCharsets.UTF_8));
        assertThat(catchThrowableOfType(SamlRejection.class, () -> verifier.verify(tampered,
                keys(TestCredential.idpSigning()), policy)).code()).isEqualTo(ErrorCode.SIGNATURE_INVALID);
        RedirectMessage sha1 = signed(TestCredential.idpSigning(), "SHA1withRSA", AlgorithmPolicy.RSA_SHA1);
        assertThat(catchThrowableOfType(SamlRejection.class, () -> verifier.verify(sha1,
                keys(TestCredential.idpSigning()), policy)).code()).isEqualTo(ErrorCode.SIGNATURE_ALGORITHM_FORBIDDEN);
        assertThatCode(() -> verifier.verify(sha1, keys(TestCredential.idpSigning()), policy.withSha1()))
                .doesNotThrowAnyException();
        RedirectMessage unsigned = new RedirectMessage("SAMLRequest", new byte[0], null, null, null, OCTETS);
        assertThat(catchThrowableOfType(SamlRejection.class, () -> verifier.verify(unsigned,
                keys(TestCredential.idpSigning()), policy)).code()).isEqualTo(ErrorCode.SIGNATURE_MISSING);
    }
}
