package dev.agentmail.thread.message;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentmail.runtime.error.ApiException;
import dev.agentmail.runtime.query.JsonFields;
import dev.agentmail.thread.mime.MailAddress;
import java.util.ArrayList;
import java.util.List;

/** Reads AgentMail's {@code Addresses} (one address as a string, or an array of them) and checks their counts. */
public final class Recipients {

    private Recipients() {
    }

    public static List<MailAddress> read(String field, JsonNode node) {
        List<MailAddress> addresses = new ArrayList<>();
        for (String text : JsonFields.strings(field, node)) {
            addresses.add(MailAddress.parse(field, text));
        }
        return addresses;
    }

    /**
     * Refuses more than {@code max} addresses in to, cc and bcc together, or in reply_to, as a send of them would:
     * a draft holds no more than it could send.
     */
    public static void checkCounts(int max, List<?> to, List<?> cc, List<?> bcc, List<?> replyTo) {
        if (size(to) + size(cc) + size(bcc) > max) {
            throw ApiException.validation("At most " + max + " recipients (to, cc and bcc).");
        }
        if (size(replyTo) > max) {
            throw ApiException.invalidField("reply_to", "at most " + max + " addresses");
        }
    }

    private static int size(List<?> addresses) {
        return addresses == null ? 0 : addresses.size();
    }

    public static List<String> texts(List<MailAddress> addresses) {
        return addresses.stream().map(MailAddress::toString).toList();
    }
}
