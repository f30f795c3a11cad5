package dev.gatehouse.crypto;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads X.509 certificates as administrators paste them: PEM blocks, or bare base64 DER (line breaks allowed). */
public final class Certificates {

    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\\s]+)-----END CERTIFICATE-----");

    private Certificates() {
    }

    /**
     * Parses one certificate in PEM or bare base64 DER form.
     *
     * @throws IllegalArgumentException with a message saying what is wrong (not base64, not a certificate, several)
     */
    public static X509Certificate parse(String text) {
        List<X509Certificate> all = parseAll(text);
        if (all.size() != 1) {
            throw new IllegalArgumentException("expected one certificate, found " + all.size());
        }
        return all.get(0);
    }

    /** Parses every PEM block in the text, or the whole text as one base64 DER certificate when it has no PEM. */
    public static List<X509Certificate> parseAll(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("the certificate is empty");
        }
        List<X509Certificate> result = new ArrayList<>();
        if (text.contains("-----BEGIN")) {
            Matcher m = PEM.matcher(text);
            while (m.find()) {
                result.add(fromBase64(m.group(1)));
            }
            if (result.isEmpty()) {
                throw new IllegalArgumentException("the PEM text holds no '-----BEGIN CERTIFICATE-----' block "
                        + "(a private key or public key is not a certificate)");
            }
            return result;
        }
        result.add(fromBase64(text));
        return result;
    }

    /** The certificate as PEM text. */
    public static String toPem(X509Certificate certificate) {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException("certificate cannot be encoded", e);
        }
    }

    /** The certificate as bare base64 DER, as metadata's ds:X509Certificate holds it. */
    public static String toBase64(X509Certificate certificate) {
        try {
            return Base64.getEncoder().encodeToString(certificate.getEncoded());
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException("certificate cannot be encoded", e);
        }
    }

    private static X509Certificate fromBase64(String base64) {
        String compact = base64.replaceAll("\\s+", "");
        byte[] der;
        try {
            der = Base64.getDecoder().decode(compact);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the certificate is not valid base64 (" + e.getMessage() + ")");
        }
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            return (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException e) {
            throw new IllegalArgumentException("the base64 text is not an X.509 certificate (" + e.getMessage() + ")");
        }
    }
}
