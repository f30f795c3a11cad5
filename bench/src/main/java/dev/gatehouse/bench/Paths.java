package dev.gatehouse.bench;

import dev.gatehouse.bench.Samples.Variant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every measured path, by name. */
public final class Paths {

    /** The user every sample signs in. */
    public static final String USER = "ada.lovelace@example.com";

    /** The names of the paths, in the order BENCHMARKS.md lists them. */
    public static final List<String> NAMES = List.of("gatehouse", "openSaml", "keycloak", "javaSaml", "cryptoFloor",
            "parseFloor");

    private Paths() {
    }

    /** One path, already proven to accept {@code sample} (as {@link #USER}) and refuse the variant's tampered copies. */
    public static ValidationPath proven(String name, Variant variant, String sample) {
        ValidationPath path = switch (name) {
            case "gatehouse" -> new GatehousePath();
            case "openSaml" -> new OpenSamlPath();
            case "keycloak" -> new KeycloakPath();
            case "javaSaml" -> new JavaSamlPath();
            case "cryptoFloor" -> new Floors.Crypto(sample);
            case "parseFloor" -> new Floors.Parse();
            default -> throw new IllegalArgumentException("no path [" + name + "]; one of " + NAMES);
        };
        path.prove(sample, Samples.tamperedCopies(variant), USER);
        if (path instanceof GatehousePath gatehouse) {
            gatehouse.resetReplayCache();
        }
        return path;
    }

    /** Every path, proven. */
    public static Map<String, ValidationPath> proven(Variant variant, String sample) {
        Map<String, ValidationPath> paths = new LinkedHashMap<>();
        for (String name : NAMES) {
            paths.put(name, proven(name, variant, sample));
        }
        return paths;
    }
}
