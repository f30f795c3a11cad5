package dev.gatehouse.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.InputDecryptorProvider;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Loads SP key pairs from a PKCS#12 or JKS keystore, or from PEM (PKCS#8, encrypted PKCS#8, PKCS#1/SEC1), and
 * checks them: the private key belongs to the certificate, RSA keys have at least 2048 bits. Every failure is an
 * {@link IllegalArgumentException} whose message says what to fix (wrong password, unknown alias with the aliases
 * that exist, a certificate entry without a private key, ...). Stateless.
 */
public final class KeyLoader {

    /** The smallest RSA key the SP may use. */
    public static final int MIN_RSA_BITS = 2048;

    /**
     * Bouncy Castle as an explicit provider for PEM decryption only (PBES2 with AES needs its padding names); it is
     * never registered in the JVM's provider list, so the application's cryptography is unchanged.
     */
    private static final Provider BC = new BouncyCastleProvider();

    private KeyLoader() {
    }

    /**
     * A key pair from a keystore.
     *
     * @param type {@code PKCS12} or {@code JKS}, or null to choose by file extension (.jks is JKS, else PKCS12)
     * @param alias the entry, or null when the keystore holds exactly one key entry
     * @param keyPassword the entry's password, or null for the keystore password
     */
    public static Loaded fromKeystore(Path path, String type, String alias, char[] password, char[] keyPassword) {
        String storeType = type != null ? type.toUpperCase(Locale.ROOT)
                : path.toString().toLowerCase(Locale.ROOT).endsWith(".jks") ? "JKS" : "PKCS12";
        KeyStore store;
        try (InputStream in = Files.newInputStream(path)) {
            store = KeyStore.getInstance(storeType);
            store.load(in, password);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("the keystore [" + path.toAbsolutePath() + "] does not exist");
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException || String.valueOf(e.getMessage())
                    .toLowerCase(Locale.ROOT).contains("password")) {
                throw new IllegalArgumentException("wrong password for the keystore [" + path + "]");
            }
            throw new IllegalArgumentException("the keystore [" + path + "] cannot be read as " + storeType + ": "
                    + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the keystore [" + path + "] cannot be read as " + storeType + ": "
                    + e.getMessage());
        }
        try {
            List<String> keyAliases = new ArrayList<>();
            for (String a : Collections.list(store.aliases())) {
                if (store.isKeyEntry(a)) {
                    keyAliases.add(a);
                }
            }
            String entry = alias;
            if (entry == null) {
                if (keyAliases.size() != 1) {
                    throw new IllegalArgumentException("the keystore [" + path + "] holds " + keyAliases.size()
                            + " key entries " + keyAliases + "; set alias to the one to use");
                }
                entry = keyAliases.get(0);
            }
            if (!store.containsAlias(entry)) {
                throw new IllegalArgumentException("the keystore [" + path + "] has no entry [" + entry
                        + "]; its key entries are " + keyAliases);
            }
            if (!store.isKeyEntry(entry)) {
                throw new IllegalArgumentException("the entry [" + entry + "] of [" + path + "] is a certificate "
                        + "without a private key; import the key pair (PKCS#12), not only the certificate");
            }
            Key key;
            try {
                key = store.getKey(entry, keyPassword != null ? keyPassword : password);
            } catch (UnrecoverableKeyException e) {
                throw new IllegalArgumentException("wrong key password for the entry [" + entry + "] of [" + path
                        + "]; set keyPassword if it differs from the keystore password");
            }
            if (!(key instanceof PrivateKey privateKey)) {
                throw new IllegalArgumentException("the entry [" + entry + "] of [" + path + "] holds no private key");
            }
            Certificate certificate = store.getCertificate(entry);
            if (!(certificate instanceof X509Certificate x509)) {
                throw new IllegalArgumentException("the entry [" + entry + "] of [" + path + "] has no X.509 "
                        + "certificate");
            }
            return check(new Loaded(privateKey, x509), path + "#" + entry);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the keystore [" + path + "] cannot be read: " + e.getMessage());
        }
    }

    /**
     * A key pair from PEM text.
     *
     * @param password for an encrypted private key, or null
     */
    public static Loaded fromPem(String privateKeyPem, String certificatePem, char[] password, String source) {
        X509Certificate certificate = Certificates.parse(certificatePem);
        PrivateKey privateKey;
        try (PEMParser parser = new PEMParser(new StringReader(privateKeyPem))) {
            Object object = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (object instanceof PKCS8EncryptedPrivateKeyInfo encrypted) {
                if (password == null) {
                    throw new IllegalArgumentException("the private key of [" + source + "] is encrypted; set "
                            + "password");
                }
                InputDecryptorProvider decryptor = new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(BC)
                        .build(password);
                privateKey = converter.getPrivateKey(encrypted.decryptPrivateKeyInfo(decryptor));
            } else if (object instanceof PEMEncryptedKeyPair encrypted) {
                if (password == null) {
                    throw new IllegalArgumentException("the private key of [" + source + "] is encrypted; set "
                            + "password");
                }
                privateKey = converter.getKeyPair(encrypted.decryptKeyPair(new JcePEMDecryptorProviderBuilder().setProvider(BC)
                        .build(password))).getPrivate();
            } else if (object instanceof PEMKeyPair pair) {
                privateKey = converter.getKeyPair(pair).getPrivate();
            } else if (object instanceof PrivateKeyInfo info) {
                privateKey = converter.getPrivateKey(info);
            } else {
                throw new IllegalArgumentException("[" + source + "] holds no private key (found "
                        + (object == null ? "nothing" : object.getClass().getSimpleName()) + ")");
            }
        } catch (IOException | org.bouncycastle.operator.OperatorCreationException
                | org.bouncycastle.pkcs.PKCSException e) {
            throw new IllegalArgumentException("the private key of [" + source + "] cannot be read (wrong password?): "
                    + e.getMessage());
        }
        return check(new Loaded(privateKey, certificate), source);
    }

    /** A private key and its certificate. */
    public record Loaded(PrivateKey privateKey, X509Certificate certificate) {
        @Override
        public String toString() {
            return "Loaded[" + certificate.getSubjectX500Principal().getName() + "]";
        }
    }

    private static Loaded check(Loaded loaded, String source) {
        if (loaded.privateKey() instanceof RSAKey rsa && rsa.getModulus().bitLength() < MIN_RSA_BITS) {
            throw new IllegalArgumentException("the RSA key of [" + source + "] has " + rsa.getModulus().bitLength()
                    + " bits; at least " + MIN_RSA_BITS + " are required");
        }
        if (loaded.certificate().getPublicKey() instanceof ECPublicKey ec) {
            String weakness = AlgorithmPolicy.secureDefaults().weakness(ec);
            if (weakness != null) {
                throw new IllegalArgumentException("the key of [" + source + "] is " + weakness);
            }
        } else if (!(loaded.certificate().getPublicKey() instanceof RSAPublicKey)) {
            throw new IllegalArgumentException("the key of [" + source + "] is " + loaded.certificate().getPublicKey()
                    .getAlgorithm() + "; SP keys are RSA or EC");
        }
        if (!matches(loaded)) {
            throw new IllegalArgumentException("the private key of [" + source + "] does not belong to its "
                    + "certificate [" + loaded.certificate().getSubjectX500Principal().getName() + "]");
        }
        return loaded;
    }

    private static boolean matches(Loaded loaded) {
        String algorithm = loaded.privateKey() instanceof ECKey ? "SHA256withECDSA" : "SHA256withRSA";
        try {
            byte[] probe = "gatehouse key check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(loaded.privateKey());
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(loaded.certificate().getPublicKey());
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
