package dev.agentmail.systemtest;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Requests to the suite's gateway as an SDK sends them: JSON, path parameters percent-encoded by the caller. */
public final class Api {

    private Api() {
    }

    public static RequestSpecification anonymous() {
        return given().baseUri(SystemSuite.suite().gateway()).urlEncodingEnabled(false).contentType(ContentType.JSON);
    }

    public static RequestSpecification as(String apiKey) {
        return anonymous().header("Authorization", "Bearer " + apiKey);
    }

    /** A path parameter as encodeURIComponent writes it ({@code @} becomes {@code %40}). */
    public static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
