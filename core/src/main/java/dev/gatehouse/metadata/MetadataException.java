package dev.gatehouse.metadata;

/** IdP metadata could not be fetched or used; the message names the source, the cause and the fix. */
public final class MetadataException extends Exception {

    private static final long serialVersionUID = 1L;

    public MetadataException(String message) {
        super(message);
    }

    public MetadataException(String message, Throwable cause) {
        super(message, cause);
    }
}
