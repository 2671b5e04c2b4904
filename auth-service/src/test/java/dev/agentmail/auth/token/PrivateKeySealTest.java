package dev.agentmail.auth.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A sealed key opens only under its secret and for its own kid. */
class PrivateKeySealTest {

    private static final String SECRET = "a-random-secret-of-forty-characters-xyz1";
    private static final String PKCS8 = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC";

    @Test
    void aSealedKeyOpensUnderItsSecretForItsKid() {
        PrivateKeySeal seal = new PrivateKeySeal(SECRET);
        String sealed = seal.seal("kid-1", PKCS8);

        assertTrue(PrivateKeySeal.isSealed(sealed));
        assertEquals(Optional.of(PKCS8), seal.tryOpen("kid-1", sealed));
        assertNotEquals(sealed, seal.seal("kid-1", PKCS8), "a fresh nonce each time");
    }

    @Test
    void anotherSecretOrAnotherRowDoesNotOpenIt() {
        String sealed = new PrivateKeySeal(SECRET).seal("kid-1", PKCS8);

        assertEquals(Optional.empty(), new PrivateKeySeal(SECRET.replace('x', 'y')).tryOpen("kid-1", sealed));
        assertEquals(Optional.empty(), new PrivateKeySeal(SECRET).tryOpen("kid-2", sealed));
    }

    @Test
    void aShortSecretIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new PrivateKeySeal("too short"));
    }
}
