package dev.agentmail.gateway.route;

import io.vertx.core.http.HttpMethod;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds a request's route in a tree of path segments, so that matching costs the depth of the path, not the size of
 * the table. A literal segment is tried before a parameter ({@code GET /v0/inboxes/search} is the search, not an
 * inbox called "search"), and a path that matches no route with the request's method matches nothing.
 */
public final class RouteMatcher {

    private static final class Node {
        final Map<String, Node> literals = new HashMap<>();
        Node parameter;
        String parameterName;
        final Map<HttpMethod, Route> routes = new HashMap<>();
    }

    private final Node root = new Node();

    public RouteMatcher(List<Route> routes) {
        routes.forEach(this::add);
    }

    private void add(Route route) {
        Node node = root;
        for (String segment : route.path().segments()) {
            if (PathTemplate.isParameter(segment)) {
                String name = PathTemplate.parameterName(segment);
                if (node.parameter == null) {
                    node.parameter = new Node();
                    node.parameterName = name;
                } else if (!node.parameterName.equals(name)) {
                    throw new IllegalArgumentException(route + ": {" + name + "} where other routes have {"
                            + node.parameterName + "}");
                }
                node = node.parameter;
            } else {
                node = node.literals.computeIfAbsent(segment, ignored -> new Node());
            }
        }
        if (node.routes.putIfAbsent(route.method(), route) != null) {
            throw new IllegalArgumentException(route + " is in the table twice");
        }
    }

    /**
     * The route of {@code method} on {@code path}, a normalized request path without its query. Empty segments
     * (a doubled or trailing slash) and parameters that are not valid percent-encoded UTF-8 match nothing.
     */
    public Optional<RouteMatch> match(HttpMethod method, String path) {
        if (path.length() < 2 || path.charAt(0) != '/') {
            return Optional.empty();
        }
        String[] segments = path.substring(1).split("/", -1);
        Map<String, String> parameters = new LinkedHashMap<>();
        Route route = match(root, segments, 0, method, parameters);
        return route == null ? Optional.empty() : Optional.of(new RouteMatch(route, Map.copyOf(parameters)));
    }

    private static Route match(Node node, String[] segments, int index, HttpMethod method,
                               Map<String, String> parameters) {
        if (index == segments.length) {
            return node.routes.get(method);
        }
        String segment = segments[index];
        if (segment.isEmpty()) {
            return null;
        }
        Node literal = node.literals.get(segment);
        if (literal != null) {
            Route route = match(literal, segments, index + 1, method, parameters);
            if (route != null) {
                return route;
            }
        }
        if (node.parameter == null) {
            return null;
        }
        String value = PercentDecoding.decode(segment);
        if (value == null) {
            return null;
        }
        parameters.put(node.parameterName, value);
        Route route = match(node.parameter, segments, index + 1, method, parameters);
        if (route == null) {
            parameters.remove(node.parameterName);
        }
        return route;
    }
}
