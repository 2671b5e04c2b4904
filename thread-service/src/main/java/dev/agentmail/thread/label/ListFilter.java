package dev.agentmail.thread.label;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentmail.runtime.error.ApiException;
import dev.agentmail.runtime.paging.PageRequest;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A list's filters, as SQL over a table with {@code labels} (jsonb) and a time column: every wanted label
 * ({@code labels}), none of the hidden ones, the time within {@code after}..{@code before}, and keyset paging on
 * (time, id). Conditions are containment ({@code @>}), which the tables' GIN indexes on labels serve. A JSON
 * parameter goes in as text and is cast in SQL: bound straight to jsonb, the reactive client would send the Java
 * String as a JSON string literal.
 */
public record ListFilter(List<String> labels, Instant before, Instant after, HiddenLabels hidden, PageRequest page) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The SDK sends a list parameter as one JSON value ({@code labels=["a","b"]}); a plain repeated parameter
     * ({@code labels=a&labels=b}) works too.
     */
    public static List<String> labelsParameter(List<String> values) {
        if (values == null) {
            return List.of();
        }
        List<String> labels = new ArrayList<>();
        for (String value : values) {
            String text = value.strip();
            if (text.startsWith("[")) {
                try {
                    for (Object label : JSON.readValue(text, List.class)) {
                        if (!(label instanceof String string)) {
                            throw ApiException.invalidField("labels", "must be strings");
                        }
                        labels.add(string);
                    }
                } catch (JsonProcessingException e) {
                    throw ApiException.invalidField("labels", "is not a JSON array of strings");
                }
            } else if (!text.isEmpty()) {
                labels.add(text);
            }
        }
        return Labels.filterLabels(labels);
    }

    /**
     * The ids of one page (one more than the page holds, to tell whether another follows): {@code sql} is the
     * list's own {@code select <idColumn> from ... where ...}, its parameters named in {@code parameters}; the
     * filter's conditions, order ({@code timeColumn}, {@code idColumn}) and limit are added to it.
     */
    public Uni<List<String>> ids(StringBuilder sql, Map<String, Object> parameters, String timeColumn,
                                 String idColumn) {
        appendTo(sql, parameters, timeColumn, idColumn);
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql.toString(), String.class);
            parameters.forEach(query::setParameter);
            return query.getResultList();
        });
    }

    private void appendTo(StringBuilder sql, Map<String, Object> parameters, String timeColumn, String idColumn) {
        if (!labels.isEmpty()) {
            sql.append(" and labels @> cast(cast(:wanted as text) as jsonb)");
            parameters.put("wanted", json(labels));
        }
        for (int i = 0; i < hidden.labels().size(); i++) {
            sql.append(" and not labels @> cast(cast(:hidden").append(i).append(" as text) as jsonb)");
            parameters.put("hidden" + i, json(List.of(hidden.labels().get(i))));
        }
        if (before != null) {
            sql.append(" and ").append(timeColumn).append(" < :before");
            parameters.put("before", before);
        }
        if (after != null) {
            sql.append(" and ").append(timeColumn).append(" > :after");
            parameters.put("after", after);
        }
        if (page.after() != null) {
            sql.append(" and (").append(timeColumn).append(", ").append(idColumn).append(") ")
                    .append(page.ascending() ? ">" : "<").append(" (:afterTime, :afterId)");
            parameters.put("afterTime", page.after().createdAt());
            parameters.put("afterId", page.after().id());
        }
        String direction = page.ascending() ? " asc" : " desc";
        sql.append(" order by ").append(timeColumn).append(direction).append(", ").append(idColumn).append(direction)
                .append(" limit ").append(page.limit() + 1);
    }

    private static String json(List<String> values) {
        try {
            return JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
