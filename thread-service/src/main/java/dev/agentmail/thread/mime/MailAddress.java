package dev.agentmail.thread.mime;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.field.address.AddressFormatter;
import org.apache.james.mime4j.field.address.DefaultAddressParser;
import org.apache.james.mime4j.field.address.LenientAddressParser;
import org.apache.james.mime4j.field.address.ParseException;

/**
 * One mailbox: an address with an optional display name, as {@code "Agent 42 <agent-42@agentmail.local>"} or
 * {@code agent-42@agentmail.local}. Parsed by mime4j's RFC 5322 grammar, never by string splitting.
 */
public record MailAddress(String displayName, String localPart, String domain) {

    /** The addresses once each (by lowercase address), the first spelling kept, without {@code except}. */
    public static List<MailAddress> distinct(List<MailAddress> addresses, String... except) {
        Map<String, MailAddress> byAddress = new LinkedHashMap<>();
        for (MailAddress address : addresses) {
            byAddress.putIfAbsent(address.address(), address);
        }
        for (String excluded : except) {
            byAddress.remove(excluded);
        }
        return List.copyOf(byAddress.values());
    }

    /** An address a client gave (strictly RFC 5322, with a domain); {@code field} names it in the error. */
    public static MailAddress parse(String field, String text) {
        if (text == null || text.isBlank() || text.length() > 998 || text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0) {
            throw new InvalidMail(field, "is not an email address: " + text);
        }
        try {
            Mailbox mailbox = DefaultAddressParser.DEFAULT.parseMailbox(text.strip());
            if (mailbox.getDomain() == null || mailbox.getDomain().isEmpty() || mailbox.getLocalPart().isEmpty()) {
                throw new InvalidMail(field, "is not an email address with a domain: " + text);
            }
            return of(mailbox);
        } catch (ParseException e) {
            throw new InvalidMail(field, "is not an email address: " + text);
        }
    }

    /** An address read from a received message's header, leniently (mail in the wild is not always valid). */
    public static MailAddress lenient(String text) {
        Mailbox mailbox = LenientAddressParser.DEFAULT.parseMailbox(text);
        return mailbox == null ? null : of(mailbox);
    }

    public static MailAddress of(Mailbox mailbox) {
        String name = mailbox.getName();
        return new MailAddress(name == null || name.isBlank() ? null : name, mailbox.getLocalPart(),
                mailbox.getDomain() == null ? "" : mailbox.getDomain().toLowerCase(Locale.ROOT));
    }

    public static MailAddress of(String displayName, String address) {
        int at = address.lastIndexOf('@');
        return new MailAddress(displayName, address.substring(0, at), address.substring(at + 1));
    }

    /** The addr-spec in lowercase: how an inbox is named (inbox_id) and how recipients are compared. */
    public String address() {
        return (localPart + "@" + domain).toLowerCase(Locale.ROOT);
    }

    public Mailbox mailbox() {
        return new Mailbox(displayName, localPart, domain);
    }

    /** As the API shows it: {@code Name <address>} (decoded, quoted where RFC 5322 needs it), or the address. */
    @Override
    public String toString() {
        return AddressFormatter.DEFAULT.format(mailbox(), false);
    }
}
