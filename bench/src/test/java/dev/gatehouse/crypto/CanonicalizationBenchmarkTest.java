package dev.gatehouse.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.bench.Samples.Variant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The canonicalization benchmark measures digests that are the signed ones (its set-up refuses anything else). */
class CanonicalizationBenchmarkTest {

    @Test
    void everyCanonicalizerDigestsWhatTheIdpSigned() throws Exception {
        for (Variant variant : new Variant[] {Variant.ASSERTION_SIGNED, Variant.MANY_VALUES}) {
            CanonicalizationBenchmark benchmark = new CanonicalizationBenchmark();
            benchmark.variant = variant;
            benchmark.canonicalizer = "santuario";
            benchmark.setUp();
            String first = null;
            for (String canonicalizer : new String[] {"santuario", "gatehouse", "sha256Only"}) {
                benchmark.canonicalizer = canonicalizer;
                benchmark.restart();
                String digest = Base64.getEncoder().encodeToString(benchmark.digest());
                if (first == null) {
                    first = digest;
                }
                assertThat(digest).as(canonicalizer).isEqualTo(first);
            }
        }
    }
}
