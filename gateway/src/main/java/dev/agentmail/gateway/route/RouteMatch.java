package dev.agentmail.gateway.route;

import java.util.Map;
import java.util.Optional;

/** A request's route, with the values of the path's parameters, percent-decoded ({@code inbox_id} → the address). */
public record RouteMatch(Route route, Map<String, String> parameters) {

    public String parameter(String name) {
        return parameters.get(name);
    }

    /**
     * The name of a parameter that holds a control character ({@code %00} to {@code %1F}, {@code %7F}): no id of
     * the API has one, and a NUL cannot even be stored, so such a request is refused before it goes anywhere.
     */
    public Optional<String> parameterWithControlCharacter() {
        return parameters.entrySet().stream()
                .filter(parameter -> parameter.getValue().chars().anyMatch(Character::isISOControl))
                .map(Map.Entry::getKey)
                .sorted()
                .findFirst();
    }
}
