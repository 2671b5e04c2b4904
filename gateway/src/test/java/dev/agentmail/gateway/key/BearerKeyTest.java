package dev.agentmail.gateway.key;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BearerKeyTest {

    @Test
    void bearerApiKeyIsRead() {
        assertEquals("am_abc_secret", BearerKey.from("Bearer am_abc_secret").orElseThrow());
        assertEquals("am_abc_secret", BearerKey.from("bearer  am_abc_secret ").orElseThrow());
    }

    @Test
    void anythingElseIsMalformed() {
        assertTrue(BearerKey.from(null).isEmpty());
        assertTrue(BearerKey.from("").isEmpty());
        assertTrue(BearerKey.from("Basic YWxhZGRpbjpvcGVuc2VzYW1l").isEmpty());
        assertTrue(BearerKey.from("Bearer").isEmpty());
        assertTrue(BearerKey.from("Bearer eyJhbGciOiJSUzI1NiJ9.e30.sig").isEmpty());
        assertTrue(BearerKey.from("Bearer am_with space").isEmpty());
        assertTrue(BearerKey.from("Bearer am_tab\tinside").isEmpty());
        assertTrue(BearerKey.from("Bearer am_" + "x".repeat(600)).isEmpty());
    }
}
