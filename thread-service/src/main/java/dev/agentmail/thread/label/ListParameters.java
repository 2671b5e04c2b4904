package dev.agentmail.thread.label;

import dev.agentmail.runtime.paging.PageParameters;
import dev.agentmail.runtime.query.QueryParameters;
import dev.agentmail.runtime.security.Principal;
import java.util.List;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * The query of every list of mail (threads, messages, drafts), read one way: paging, the labels wanted, a time
 * window and the {@code include_*} flags. Take it as a {@code @BeanParam}.
 */
public class ListParameters extends PageParameters {

    @RestQuery
    List<String> labels;

    @RestQuery
    String before;

    @RestQuery
    String after;

    @RestQuery("include_spam")
    String includeSpam;

    @RestQuery("include_blocked")
    String includeBlocked;

    @RestQuery("include_unauthenticated")
    String includeUnauthenticated;

    @RestQuery("include_trash")
    String includeTrash;

    /** For a list of mail: what the caller did not include, or may not read, is left out. */
    public ListFilter filter(Principal caller) {
        return filter(HiddenLabels.forList(caller, includeSpam, includeBlocked, includeUnauthenticated, includeTrash));
    }

    /** For a list of drafts, which hide nothing: a draft carries no label that the include flags govern. */
    public ListFilter filterHidingNothing() {
        return filter(new HiddenLabels(List.of()));
    }

    private ListFilter filter(HiddenLabels hidden) {
        return new ListFilter(ListFilter.labelsParameter(labels), QueryParameters.time("before", before),
                QueryParameters.time("after", after), hidden, page());
    }
}
