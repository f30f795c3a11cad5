package dev.gatehouse.tools;

import dev.gatehouse.crypto.SpKeyGenerator;
import dev.gatehouse.crypto.SpKeyGenerator.Generated;
import dev.gatehouse.crypto.SpKeyGenerator.KeyType;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The command that makes an SP key pair for the Gatehouse configuration, so nobody has to learn keytool or openssl
 * flags. Run it with the jars of any Gatehouse WAR:
 *
 * <pre>
 * java -cp "WEB-INF/lib/*" dev.gatehouse.tools.GenerateSpKey --out /etc/myapp --cn myapp.example.com
 * </pre>
 *
 * It writes {@code NAME.key} (PKCS#8 PEM; owner-only permissions where the file system has them; encrypted when
 * {@code --password-env} names an environment variable holding the password) and {@code NAME.crt}, never overwrites
 * a file, and prints the {@code keys} entry to paste into the configuration. Options are listed by {@code --help}.
 */
public final class GenerateSpKey {

    private static final String USAGE = """
            Usage: java -cp "WEB-INF/lib/*" dev.gatehouse.tools.GenerateSpKey [options]
              --out DIR            directory for the files (default: current directory)
              --name NAME          file and key name (default: sp-YEAR)
              --cn NAME            certificate common name, e.g. your host name (default: gatehouse-sp)
              --type rsa|ec        key type (default: rsa; ec is P-256, for signing only)
              --bits 2048|3072|4096  RSA key size (default: 3072)
              --days N             certificate validity in days (default: 1095, three years)
              --password-env VAR   encrypt the private key with the password in environment variable VAR
              --use signing|encryption|both  what the printed key entry is for (default: both)
            """;

    private static final Set<String> OPTIONS = Set.of("--out", "--name", "--cn", "--type", "--bits", "--days",
            "--password-env", "--use");

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> environment;
    private final Clock clock;

    GenerateSpKey(PrintStream out, PrintStream err, Map<String, String> environment, Clock clock) {
        this.out = out;
        this.err = err;
        this.environment = environment;
        this.clock = clock;
    }

    public static void main(String[] args) {
        int status = new GenerateSpKey(System.out, System.err, System.getenv(), Clock.systemUTC()).run(args);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Runs the command; 0 on success, 1 when the files could not be written, 2 for a usage error. */
    int run(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--help") || args[i].equals("-h")) {
                out.print(USAGE);
                return 0;
            }
            if (!OPTIONS.contains(args[i]) || i + 1 >= args.length) {
                return usage("unknown option or missing value: " + args[i]);
            }
            options.put(args[i].substring(2), args[++i]);
        }
        try {
            LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
            Path dir = Path.of(options.getOrDefault("out", "."));
            String name = options.getOrDefault("name", "sp-" + today.getYear());
            if (!name.matches("[A-Za-z0-9._-]+")) {
                return usage("--name may hold only letters, digits, '.', '_' and '-'");
            }
            String typeName = options.getOrDefault("type", "rsa");
            if (!typeName.matches("rsa|ec")) {
                return usage("--type must be rsa or ec");
            }
            KeyType type = KeyType.valueOf(typeName.toUpperCase(Locale.ROOT));
            String use = options.getOrDefault("use", "both");
            if (!use.matches("signing|encryption|both")) {
                return usage("--use must be signing, encryption or both");
            }
            if (type == KeyType.EC && !use.equals("signing")) {
                return usage("an EC key can only sign here (IdPs encrypt to RSA keys): add --use signing, or use RSA");
            }
            char[] password = null;
            String passwordVariable = options.get("password-env");
            if (passwordVariable != null) {
                String value = environment.get(passwordVariable);
                if (value == null || value.isEmpty()) {
                    return usage("environment variable " + passwordVariable + " is not set");
                }
                password = value.toCharArray();
            }
            int days = Integer.parseInt(options.getOrDefault("days", "1095"));
            SpKeyGenerator.Request request = new SpKeyGenerator.Request(options.getOrDefault("cn", "gatehouse-sp"),
                    type, Integer.parseInt(options.getOrDefault("bits", "3072")), Duration.ofDays(days));
            Generated generated = new SpKeyGenerator().generate(request, clock.instant(), password);
            Path key = dir.resolve(name + ".key").toAbsolutePath();
            Path certificate = dir.resolve(name + ".crt").toAbsolutePath();
            if (Files.exists(key) || Files.exists(certificate)) {
                err.println("Not overwriting " + (Files.exists(key) ? key : certificate) + "; choose another --name");
                return 1;
            }
            Files.createDirectories(dir);
            writeSecret(key, generated.privateKeyPem());
            try {
                Files.writeString(certificate, generated.certificatePem(), StandardCharsets.US_ASCII,
                        StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } catch (IOException e) {
                Files.deleteIfExists(key);
                throw e;
            }
            out.println("Wrote " + key + " (the private key: keep it secret)");
            out.println("Wrote " + certificate + " (the certificate, valid until "
                    + generated.certificate().getNotAfter().toInstant() + ")");
            out.println();
            out.println("Add this to the Gatehouse configuration (top level for every provider, or inside one):");
            out.println("  \"keys\": [");
            out.println("    {\"name\": \"" + name + "\", \"privateKeyFile\": \"" + json(key) + "\", "
                    + "\"certificateFile\": \"" + json(certificate) + "\",");
            out.println("     " + (password != null ? "\"password\": \"${env:" + passwordVariable + "}\", " : "")
                    + "\"use\": \"" + use + "\"}");
            out.println("  ]");
            out.println("Then give the IdP the new SP metadata (or the certificate) and, during a rollover, keep the "
                    + "old key in the list until the IdP uses the new one (README: SP key rollover).");
            return 0;
        } catch (IllegalArgumentException e) {
            return usage(e.getMessage());
        } catch (IOException e) {
            err.println("Could not write the files: " + e);
            return 1;
        }
    }

    /** Creates the file (never replacing one) with owner-only permissions and writes it through the same handle. */
    private static void writeSecret(Path file, String content) throws IOException {
        Set<StandardOpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        ByteBuffer bytes = ByteBuffer.wrap(content.getBytes(StandardCharsets.US_ASCII));
        SeekableByteChannel channel;
        try {
            channel = Files.newByteChannel(file, options,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            channel = Files.newByteChannel(file, options);
        }
        try (SeekableByteChannel out = channel) {
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
        }
    }

    private static String json(Path path) {
        return path.toString().replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private int usage(String problem) {
        err.println(problem);
        err.print(USAGE);
        return 2;
    }
}
