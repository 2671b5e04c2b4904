package dev.agentmail.auth.token;

/** What a rotation answers: the kid that new tokens carry from now on. */
public record ActiveSigningKey(String kid) {
}
