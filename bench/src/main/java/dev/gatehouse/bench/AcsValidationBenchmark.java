package dev.gatehouse.bench;

import dev.gatehouse.bench.Samples.Variant;
import java.util.List;
import java.util.concurrent.TimeUnit;
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

/**
 * ACS validation throughput: one base64 SAML Response in, the signed-in user out, for each {@link Paths path} and
 * {@link Variant variant}. Each benchmark thread has its own path instance and its own {@value #RESPONSES}
 * responses with distinct IDs, cycled; Gatehouse's replay cache is replaced when the cycle wraps, so every measured
 * validation is a first use that really goes into the cache (the reset happens once per {@value #RESPONSES}
 * operations and is measured with them). Run with {@code -t 1} and {@code -t 2}; with two threads each has its own
 * replay cache (a {@code ConcurrentHashMap} either way; the HTTP benchmark uses the one shared cache).
 * Defaults: 3 forks of 5 warm-up iterations of 4 s and 3 measured iterations of 2 s. The warm-up is long because
 * the larger paths (OpenSAML, Santuario, Xerces) keep C2 busy for some 20 s of compilation, and with two benchmark
 * threads on two cores the compiler competes with them: after 2 x 2 s of warm-up the encrypted paths were still
 * compiling and measured at about 60% of their speed (BENCHMARKS.md, "Two threads").
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 4)
@Measurement(iterations = 3, time = 2)
@Fork(value = 3, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class AcsValidationBenchmark {

    /** Responses per thread; enough that no cache or branch predictor remembers one. */
    static final int RESPONSES = 2048;

    @Param({"ASSERTION_SIGNED", "BOTH_SIGNED", "MANY_VALUES", "ENCRYPTED"})
    public Variant variant;

    @Param({"gatehouse", "openSaml", "keycloak", "javaSaml", "cryptoFloor", "parseFloor"})
    public String path;

    private ValidationPath validator;
    private List<String> responses;
    private int next;

    @Setup
    public void setUp() {
        this.responses = Samples.responses(variant, RESPONSES);
        this.validator = Paths.proven(path, variant, responses.get(0));
        this.next = 0;
    }

    @Benchmark
    public String validate() throws Exception {
        if (next == RESPONSES) {
            next = 0;
            if (validator instanceof GatehousePath gatehouse) {
                gatehouse.resetReplayCache();
            }
        }
        return validator.validate(responses.get(next++));
    }
}
