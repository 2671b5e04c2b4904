package dev.agentmail.thread.download;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restassured.response.Response;
import java.net.URI;

/**
 * The bytes behind a {@code download_url}, fetched from this service (the link's host is the gateway's) and checked
 * for what the gateway needs to pass them on: a Content-Length equal to the bytes, and no chunking with it.
 */
public final class Downloads {

    private Downloads() {
    }

    public static byte[] fetch(String downloadUrl, String contentType) {
        Response response = given().urlEncodingEnabled(false).get(path(downloadUrl));
        response.then().statusCode(200).contentType(contentType).header("Transfer-Encoding", nullValue());
        byte[] bytes = response.asByteArray();
        assertEquals(String.valueOf(bytes.length), response.header("Content-Length"));
        return bytes;
    }

    /** The link's path on this service. */
    public static String path(String downloadUrl) {
        return URI.create(downloadUrl).getRawPath();
    }
}
