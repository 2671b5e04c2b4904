package dev.agentmail.auth.token;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** The part of OpenID Provider Metadata that a verifier of our tokens (quarkus-oidc in the services) reads. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Discovery(String issuer, String jwksUri, List<String> idTokenSigningAlgValuesSupported) {
}
