package dev.agentmail.gateway.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentmail.gateway.policy.Reach;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Deny by default holds only if the table is complete: every endpoint of the SDK has a row, and a policy. */
class RouteTableTest {

    /** Routes any key of the right scope may call without a permission flag: AgentMail has none for them. */
    private static final Set<String> WITHOUT_PERMISSION =
            Set.of("GET /v0/organizations", "GET /v0/auth/me", "POST /v0/agent/sign-up", "POST /v0/agent/verify");

    @Test
    void everyContractEndpointHasExactlyOneRoute() throws IOException {
        Set<String> contract = contractEndpoints();
        Set<String> table = RouteTable.ROUTES.stream().map(Route::toString).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(RouteTable.ROUTES.size(), table.size(), "a route is in the table twice");
        Set<String> missing = new TreeSet<>(contract);
        missing.removeAll(table);
        Set<String> extra = new TreeSet<>(table);
        extra.removeAll(contract);
        assertTrue(missing.isEmpty(), "endpoints without a route (and so without a policy): " + missing);
        assertTrue(extra.isEmpty(), "routes that are not AgentMail endpoints: " + extra);
    }

    @Test
    void everyRouteHasAPolicyThatFitsItsPath() {
        List<String> wrong = new ArrayList<>();
        for (Route route : RouteTable.ROUTES) {
            String path = route.path().text();
            assertNotNull(route.policy(), route + " has no policy");
            Reach reach = route.policy().reach();
            boolean fits = switch (reach) {
                case POD -> path.startsWith("/v0/pods/{pod_id}");
                case INBOX -> path.startsWith("/v0/inboxes/{inbox_id}");
                case ORGANIZATION, ANY_KEY, PUBLIC ->
                        !route.path().hasParameter("pod_id") && !route.path().hasParameter("inbox_id");
            };
            if (!fits) {
                wrong.add(route + ": reach " + reach);
            }
            if ((route.policy().permission() == null) != WITHOUT_PERMISSION.contains(route.toString())) {
                wrong.add(route + ": permission " + route.policy().permission());
            }
        }
        assertTrue(wrong.isEmpty(), "policies that do not fit their route: " + wrong);
    }

    @Test
    void everyRouteIsMatchedByItsOwnPath() {
        RouteMatcher matcher = new RouteMatcher(RouteTable.ROUTES);
        for (Route route : RouteTable.ROUTES) {
            String path = route.path().segments().stream()
                    .map(segment -> PathTemplate.isParameter(segment) ? "x" + PathTemplate.parameterName(segment) : segment)
                    .collect(Collectors.joining("/", "/", ""));
            assertEquals(route, matcher.match(route.method(), path).orElseThrow().route(), path);
        }
    }

    private static Set<String> contractEndpoints() throws IOException {
        try (InputStream in = RouteTableTest.class.getResourceAsStream("/agentmail-v0-endpoints.txt")) {
            assertNotNull(in, "agentmail-v0-endpoints.txt is missing");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(line -> line.trim().replaceAll("\\s+", " "))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
