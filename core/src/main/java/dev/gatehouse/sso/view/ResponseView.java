package dev.gatehouse.sso.view;

import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Element;

/**
 * The parts of a {@code samlp:Response} envelope the profile checks read. Read before any signature is verified
 * (IdPs send error responses unsigned), and used only as the checks allow: the envelope is often unsigned. Immutable.
 *
 * @param destination the Destination attribute, or null
 * @param inResponseTo the InResponseTo attribute, or null
 * @param issuer the Issuer, or null when absent (it is optional on a Response)
 * @param status the Status, or null when absent (refused by the status check)
 */
public record ResponseView(String destination, String inResponseTo, NameIdentifier issuer, Status status) {

    /** The SAML 2.0 success status code. */
    public static final String SUCCESS = "urn:oasis:names:tc:SAML:2.0:status:Success";

    /**
     * A Status (saml-core-2.0-os 3.2.2.1).
     *
     * @param code the top-level StatusCode Value, or null when there is no StatusCode or no Value
     * @param nestedCodes the Values of the StatusCodes nested in it, outermost first
     * @param message the StatusMessage text, or null
     */
    public record Status(String code, List<String> nestedCodes, String message) {

        public Status {
            nestedCodes = List.copyOf(nestedCodes);
        }

        /** Whether the top-level code is Success. */
        public boolean isSuccess() {
            return SUCCESS.equals(code);
        }

        static Status read(Element status) {
            Element code = SamlDom.optionalChild(status, SamlDom.SAMLP, "StatusCode");
            List<String> nested = new ArrayList<>();
            Element inner = code == null ? null : SamlDom.optionalChild(code, SamlDom.SAMLP, "StatusCode");
            for (; inner != null; inner = SamlDom.optionalChild(inner, SamlDom.SAMLP, "StatusCode")) {
                nested.add(SamlDom.attribute(inner, "Value"));
            }
            return new Status(code == null ? null : SamlDom.attribute(code, "Value"), nested,
                    SamlDom.optionalText(status, SamlDom.SAMLP, "StatusMessage"));
        }
    }

    /**
     * Reads the Response element.
     *
     * @throws dev.gatehouse.error.SamlRejection {@code saml_message_malformed} when an element it reads occurs twice
     *     or an Issuer holds an element
     */
    public static ResponseView read(Element response) {
        Element status = SamlDom.optionalChild(response, SamlDom.SAMLP, "Status");
        return new ResponseView(SamlDom.attribute(response, "Destination"),
                SamlDom.attribute(response, "InResponseTo"), NameIdentifier.issuerOf(response),
                status == null ? null : Status.read(status));
    }
}
