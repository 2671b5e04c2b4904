package dev.agentmail.gateway.key;

/** auth-service could not say whether a key is valid: the client is told to retry, not that its key is bad. */
final class AuthUnavailableException extends RuntimeException {

    AuthUnavailableException(String message) {
        super(message, null, false, false);
    }
}
