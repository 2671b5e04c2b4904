package dev.agentmail.auth;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.Map;

/**
 * Calls the service as the gateway will: it verifies the client's API key at {@code /internal/keys/verify} and
 * sends the internal token it gets back.
 */
public final class Callers {

    /** The bootstrap organization's owner key, set for the test profile in application.properties. */
    public static final String BOOTSTRAP_KEY = "am_testboot_0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJK";
    public static final String BOOTSTRAP_ORGANIZATION = "org_default";

    private Callers() {
    }

    /** A request made with {@code apiKey}. */
    public static RequestSpecification as(String apiKey) {
        return given().auth().oauth2(tokenFor(apiKey)).contentType(ContentType.JSON);
    }

    public static String tokenFor(String apiKey) {
        return given().contentType(ContentType.JSON).body(Map.of("api_key", apiKey))
                .post("/internal/keys/verify")
                .then().statusCode(200)
                .extract().path("token");
    }

    /** Creates a key in {@code collection} (e.g. {@code /v0/api-keys}) with {@code body}; answers the secret. */
    public static String createKey(String makerKey, String collection, Map<String, ?> body) {
        return as(makerKey).body(body).post(collection)
                .then().statusCode(200)
                .extract().path("api_key");
    }
}
