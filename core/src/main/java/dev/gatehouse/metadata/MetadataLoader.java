package dev.gatehouse.metadata;

import dev.gatehouse.binding.Binding;
import dev.gatehouse.config.IdpSource;
import dev.gatehouse.crypto.Certificates;
import dev.gatehouse.error.SamlRejection;
import dev.gatehouse.internal.SecureXml;
import dev.gatehouse.internal.XmlObjects;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.opensaml.core.xml.XMLObject;
import org.opensaml.core.xml.io.UnmarshallingException;
import org.opensaml.saml.common.xml.SAMLConstants;
import org.opensaml.saml.saml2.metadata.EntitiesDescriptor;
import org.opensaml.saml.saml2.metadata.EntityDescriptor;
import org.opensaml.saml.saml2.metadata.IDPSSODescriptor;
import org.opensaml.saml.saml2.metadata.KeyDescriptor;
import org.opensaml.saml.saml2.metadata.SingleSignOnService;
import org.opensaml.security.credential.UsageType;
import org.opensaml.xmlsec.signature.X509Data;

/**
 * Reads an IdP description from any {@link IdpSource} into {@link IdpMetadata}: fetches metadata URLs over HTTP(S)
 * with a timeout and a size cap, parses with {@link SecureXml}, picks the IdP entity (by
 * {@code identityProviderEntityId} when the document describes several), and keeps only signing keys.
 *
 * <p>Metadata signatures are not verified: trust comes from the HTTPS connection or from the administrator who
 * pasted the XML. Expired metadata ({@code validUntil} in the past) is refused, as saml-metadata-2.0-os 2.3.1
 * requires. Thread-safe.
 */
public final class MetadataLoader {

    /** The largest metadata document fetched (aggregates of whole federations are larger; select one entity). */
    static final int MAX_METADATA_BYTES = 16 * 1024 * 1024;

    private final SecureXml xml;
    private final HttpClient http;
    private final Clock clock;

    public MetadataLoader(SecureXml xml, HttpClient http, Clock clock) {
        this.xml = xml;
        this.http = http;
        this.clock = clock;
    }

    /** A loader with a default HTTP client that follows redirects except from https to http. */
    public static MetadataLoader withDefaults(Clock clock) {
        return new MetadataLoader(SecureXml.forMetadata(),
                HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build(), clock);
    }

    /**
     * Loads the IdP description.
     *
     * @throws MetadataException naming the source, what went wrong and what to do
     */
    public IdpMetadata load(IdpSource source) throws MetadataException {
        if (source instanceof IdpSource.Fields f) {
            List<Endpoint> slo = f.sloUrl() == null ? List.of() : List.of(new Endpoint(f.sloBinding(), f.sloUrl()));
            return new IdpMetadata(f.entityId(), List.of(new Endpoint(f.ssoBinding(), f.ssoUrl())), slo,
                    f.certificates(), false, null);
        }
        if (source instanceof IdpSource.InlineMetadata inline) {
            return parse(inline.xml().getBytes(StandardCharsets.UTF_8), inline.entityId(), source.describe());
        }
        IdpSource.MetadataUrl url = (IdpSource.MetadataUrl) source;
        return parse(fetch(url), url.entityId(), source.describe());
    }

    private byte[] fetch(IdpSource.MetadataUrl source) throws MetadataException {
        HttpRequest request = HttpRequest.newBuilder(source.url()).timeout(source.timeout())
                .header("Accept", "application/samlmetadata+xml, application/xml;q=0.9, */*;q=0.1").GET().build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new MetadataException("Cannot fetch IdP metadata from [" + source.url() + "]: "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage())
                    + ". Check the URL, DNS, firewall/proxy and TLS trust store of this server.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MetadataException("Interrupted while fetching IdP metadata from [" + source.url() + "]", e);
        }
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new MetadataException("Cannot fetch IdP metadata from [" + source.url() + "]: HTTP status ["
                        + response.statusCode() + "]. Check the URL (copy it again from the IdP's SAML setup page).");
            }
            byte[] bytes = body.readNBytes(MAX_METADATA_BYTES + 1);
            if (bytes.length > MAX_METADATA_BYTES) {
                throw new MetadataException("IdP metadata at [" + source.url() + "] is larger than ["
                        + MAX_METADATA_BYTES + "] bytes. Point to the single IdP's metadata, not a federation "
                        + "aggregate.");
            }
            return bytes;
        } catch (IOException e) {
            throw new MetadataException("Cannot read IdP metadata from [" + source.url() + "]: " + e.getMessage(), e);
        }
    }

    /** Parses metadata bytes; {@code wantedEntityId} may be null when the document holds one IdP. */
    IdpMetadata parse(byte[] bytes, String wantedEntityId, String origin) throws MetadataException {
        XMLObject root;
        try {
            root = XmlObjects.unmarshall(xml.parse(bytes).getDocumentElement());
        } catch (SamlRejection e) {
            throw new MetadataException("The IdP metadata from " + origin + " is not usable XML: "
                    + e.primary().detail(), e);
        } catch (UnmarshallingException e) {
            throw new MetadataException("The IdP metadata from " + origin + " is not SAML metadata: "
                    + e.getMessage(), e);
        }
        List<EntityDescriptor> idps = new ArrayList<>();
        Instant validUntil = collect(root, idps, null);
        if (idps.isEmpty()) {
            throw new MetadataException("The metadata from " + origin + " describes no SAML 2.0 identity provider "
                    + "(no IDPSSODescriptor). Is it the SP's own metadata, or SAML 1.1/WS-Federation metadata?");
        }
        EntityDescriptor entity;
        if (wantedEntityId != null) {
            entity = idps.stream().filter(e -> wantedEntityId.equals(e.getEntityID())).findFirst().orElseThrow(() ->
                    new MetadataException("The metadata from " + origin + " has no IdP with entityID ["
                            + wantedEntityId + "]; it has " + entityIds(idps) + ". Fix identityProviderEntityId."));
        } else if (idps.size() > 1) {
            throw new MetadataException("The metadata from " + origin + " describes " + idps.size() + " identity "
                    + "providers " + entityIds(idps) + ". Set identityProviderEntityId to the one to use.");
        } else {
            entity = idps.get(0);
        }
        Instant entityValidUntil = entity.getValidUntil();
        if (entityValidUntil != null && (validUntil == null || entityValidUntil.isBefore(validUntil))) {
            validUntil = entityValidUntil;
        }
        if (validUntil != null && validUntil.isBefore(clock.instant())) {
            throw new MetadataException("The metadata from " + origin + " expired on [" + validUntil + "] "
                    + "(validUntil). Download current metadata from the IdP, or use its metadata URL.");
        }
        IDPSSODescriptor idp = entity.getIDPSSODescriptor(SAMLConstants.SAML20P_NS);
        List<Endpoint> sso = new ArrayList<>();
        for (SingleSignOnService s : idp.getSingleSignOnServices()) {
            Binding.fromUri(s.getBinding()).ifPresent(b -> sso.add(new Endpoint(b, URI.create(s.getLocation()))));
        }
        if (sso.isEmpty()) {
            throw new MetadataException("The IdP [" + entity.getEntityID() + "] in " + origin + " offers no "
                    + "SingleSignOnService with the HTTP-Redirect or HTTP-POST binding.");
        }
        List<Endpoint> slo = new ArrayList<>();
        idp.getSingleLogoutServices().forEach(s -> Binding.fromUri(s.getBinding()).ifPresent(b -> slo.add(new Endpoint(b,
                URI.create(s.getLocation()), s.getResponseLocation() == null ? null
                        : URI.create(s.getResponseLocation())))));
        List<X509Certificate> certificates = signingCertificates(idp, entity.getEntityID(), origin);
        return new IdpMetadata(entity.getEntityID(), sso, slo, certificates,
                Boolean.TRUE.equals(idp.getWantAuthnRequestsSigned()), validUntil);
    }

    private static Instant collect(XMLObject node, List<EntityDescriptor> idps, Instant validUntil) {
        if (node instanceof EntityDescriptor e) {
            if (e.getIDPSSODescriptor(SAMLConstants.SAML20P_NS) != null) {
                idps.add(e);
            }
            return validUntil;
        }
        if (node instanceof EntitiesDescriptor group) {
            Instant groupValid = group.getValidUntil();
            Instant effective = earliest(validUntil, groupValid);
            for (EntityDescriptor e : group.getEntityDescriptors()) {
                collect(e, idps, effective);
            }
            for (EntitiesDescriptor nested : group.getEntitiesDescriptors()) {
                effective = earliest(effective, collect(nested, idps, effective));
            }
            return effective;
        }
        return validUntil;
    }

    private static Instant earliest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isBefore(b) ? a : b;
    }

    private static List<X509Certificate> signingCertificates(IDPSSODescriptor idp, String entityId, String origin)
            throws MetadataException {
        List<X509Certificate> certificates = new ArrayList<>();
        for (KeyDescriptor key : idp.getKeyDescriptors()) {
            if (key.getUse() == UsageType.ENCRYPTION || key.getKeyInfo() == null) {
                continue;
            }
            for (X509Data data : key.getKeyInfo().getX509Datas()) {
                for (org.opensaml.xmlsec.signature.X509Certificate c : data.getX509Certificates()) {
                    try {
                        certificates.add(Certificates.parse(c.getValue()));
                    } catch (IllegalArgumentException e) {
                        throw new MetadataException("A signing certificate of IdP [" + entityId + "] in " + origin
                                + " cannot be read: " + e.getMessage(), e);
                    }
                }
            }
        }
        if (certificates.isEmpty()) {
            throw new MetadataException("The IdP [" + entityId + "] in " + origin + " publishes no signing "
                    + "certificate (KeyDescriptor with an X509Certificate). Gatehouse verifies every response "
                    + "against configured keys only.");
        }
        return certificates;
    }

    private static String entityIds(List<EntityDescriptor> entities) {
        return entities.stream().map(EntityDescriptor::getEntityID).limit(10).toList().toString();
    }
}
