package dev.agentmail.systemtest;

import static dev.agentmail.systemtest.Api.as;
import static dev.agentmail.systemtest.Api.encoded;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Malformed requests through the gateway, as a careless client sends them: each answers 400 in the API's error
 * format, saying what is wrong, whichever service owns the route.
 */
@ExtendWith(SystemSuite.class)
class BadInputTest {

    @Test
    void nulInAPathIsRefusedNamingTheParameter() {
        Tenant owner = Tenant.bootstrap();
        as(owner.key()).get("/v0/inboxes/%00").then().statusCode(400)
                .contentType("application/json")
                .body("name", is("ValidationError"))
                .body("errors[0].field", is("inbox_id"));
        String inbox = owner.createInbox(owner.createPod());
        as(owner.key()).get("/v0/inboxes/" + encoded(inbox) + "/threads/%00").then().statusCode(400)
                .body("errors[0].field", is("thread_id"));
    }

    @Test
    void malformedQueryParametersAreRefusedNamingThem() {
        Tenant owner = Tenant.bootstrap();
        String inbox = owner.createInbox(owner.createPod());
        as(owner.key()).get("/v0/inboxes?limit=abc").then().statusCode(400)
                .body("name", is("ValidationError")).body("errors[0].field", is("limit"));
        as(owner.key()).get("/v0/inboxes/" + encoded(inbox) + "/messages?include_spam=maybe").then().statusCode(400)
                .body("errors[0].field", is("include_spam"));
        as(owner.key()).get("/v0/api-keys?ascending=perhaps").then().statusCode(400)
                .body("errors[0].field", is("ascending"));
    }

    @Test
    void aBodyThatIsNotJsonIsRefusedSayingSo() {
        Tenant owner = Tenant.bootstrap();
        String inbox = owner.createInbox(owner.createPod());
        as(owner.key()).body("not json").post("/v0/inboxes").then().statusCode(400)
                .body("name", is("ValidationError")).body("message", containsString("not valid JSON"));
        as(owner.key()).body("{\"to\": ").post("/v0/inboxes/" + encoded(inbox) + "/messages/send").then()
                .statusCode(400).body("message", containsString("not valid JSON"));
        as(owner.key()).body("{\"subject\": \"a\\u0000\"}").post("/v0/inboxes/" + encoded(inbox) + "/drafts")
                .then().statusCode(400).body("message", containsString("NUL"));
    }
}
