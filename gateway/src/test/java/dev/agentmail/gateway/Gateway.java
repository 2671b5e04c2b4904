package dev.agentmail.gateway;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;

/** Requests to the gateway as a client sends them: paths already percent-encoded, as the SDKs encode them. */
public final class Gateway {

    private Gateway() {
    }

    public static RequestSpecification anonymous() {
        return given().urlEncodingEnabled(false);
    }

    public static RequestSpecification as(String apiKey) {
        return anonymous().header("Authorization", "Bearer " + apiKey);
    }
}
