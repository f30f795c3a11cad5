package dev.gatehouse.crypto;

import java.util.List;
import java.util.Optional;

/**
 * The SP's keys for one provider: every key is published in metadata (old and new during a rollover), the one
 * active signing key signs, every encryption key is tried to decrypt. Immutable.
 *
 * @param keys the keys, in configuration order
 */
public record SpKeyRing(List<SpKey> keys) {

    /** No keys: the SP sends unsigned messages and cannot decrypt. */
    public static final SpKeyRing NONE = new SpKeyRing(List.of());

    public SpKeyRing {
        keys = List.copyOf(keys);
        if (keys.stream().filter(SpKey::active).count() > 1) {
            throw new IllegalArgumentException("more than one signing key is marked active");
        }
    }

    /** The key that signs, if any. */
    public Optional<SpKey> activeSigningKey() {
        return keys.stream().filter(k -> k.signing() && k.active()).findFirst();
    }

    /** The keys IdPs may encrypt to. */
    public List<SpKey> encryptionKeys() {
        return keys.stream().filter(SpKey::encryption).toList();
    }

    /** The keys published as signing keys. */
    public List<SpKey> signingKeys() {
        return keys.stream().filter(SpKey::signing).toList();
    }

    /** Whether there are no keys at all. */
    public boolean isEmpty() {
        return keys.isEmpty();
    }
}
