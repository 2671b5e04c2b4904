package dev.agentmail.gateway.route;

import java.util.Map;

/** A request's route, with the values of the path's parameters, percent-decoded ({@code inbox_id} → the address). */
public record RouteMatch(Route route, Map<String, String> parameters) {

    public String parameter(String name) {
        return parameters.get(name);
    }
}
