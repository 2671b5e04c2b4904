package dev.agentmail.auth.organization;

import static dev.agentmail.auth.Callers.BOOTSTRAP_KEY;
import static dev.agentmail.auth.Callers.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.agentmail.auth.Callers;
import dev.agentmail.local.testing.InjectTestIssuer;
import dev.agentmail.local.testing.TestIssuer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Operators manage organizations with their identity provider's tokens; nobody else can. */
@QuarkusTest
class OrganizationAdminTest {

    private static final String OPERATOR = "agentmail-operator";

    @InjectTestIssuer
    TestIssuer operators;

    @Test
    void anOperatorCreatesAnOrganizationWhoseOwnerKeyWorksOnlyThere() {
        JsonPath created = given().auth().oauth2(operators.operatorToken(OPERATOR)).contentType(ContentType.JSON)
                .body(Map.of("name", "Acme agents")).post("/admin/organizations")
                .then().statusCode(200)
                .body("organization.name", is("Acme agents"))
                .body("organization.organization_id", startsWith("org_"))
                .body("api_key.api_key", startsWith("am_"))
                .extract().jsonPath();
        String organizationId = created.getString("organization.organization_id");
        String ownerKey = created.getString("api_key.api_key");

        as(ownerKey).get("/v0/organizations").then().statusCode(200)
                .body("organization_id", is(organizationId)).body("inbox_count", is(0));
        as(ownerKey).queryParam("limit", 100).get("/v0/api-keys").then().statusCode(200)
                .body("count", is(1));
        String bootstrapKeyId = as(BOOTSTRAP_KEY).get("/v0/auth/me").then().extract().path("api_key_id");
        as(ownerKey).get("/v0/api-keys/" + bootstrapKeyId).then().statusCode(404);
        as(BOOTSTRAP_KEY).queryParam("limit", 100).get("/v0/api-keys").then()
                .body("api_keys.api_key_id", not(hasItem(created.getString("api_key.api_key_id"))));

        given().auth().oauth2(operators.operatorToken(OPERATOR)).get("/admin/organizations/" + organizationId).then()
                .statusCode(200).body("name", is("Acme agents")).body("created_at", notNullValue());
        given().auth().oauth2(operators.operatorToken(OPERATOR)).get("/admin/organizations").then()
                .statusCode(200).body("organization_id", hasItem(organizationId));
    }

    @Test
    void adminRoutesRefuseCallersWithoutAnOperatorToken() {
        given().contentType(ContentType.JSON).body(Map.of("name", "x")).post("/admin/organizations")
                .then().statusCode(401);
        given().auth().oauth2(Callers.tokenFor(BOOTSTRAP_KEY)).get("/admin/organizations").then().statusCode(401);
    }

    @Test
    void adminRoutesRefuseTheProvidersOtherUsers() {
        for (String[] roles : new String[][] {{}, {"agentmail-viewer", "developers"}}) {
            given().auth().oauth2(operators.operatorToken(roles)).contentType(ContentType.JSON)
                    .body(Map.of("name", "x")).post("/admin/organizations").then().statusCode(403);
            given().auth().oauth2(operators.operatorToken(roles)).get("/admin/organizations").then().statusCode(403);
            given().auth().oauth2(operators.operatorToken(roles)).post("/admin/signing-keys/rotate").then()
                    .statusCode(403);
        }
    }

    @Test
    void anOrganizationNeedsAName() {
        given().auth().oauth2(operators.operatorToken(OPERATOR)).contentType(ContentType.JSON).body("{}")
                .post("/admin/organizations").then()
                .statusCode(400).body("name", is("ValidationError"));
    }
}
