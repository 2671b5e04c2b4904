package dev.agentmail.inbox.inbox;

import dev.agentmail.runtime.error.ApiException;
import java.security.SecureRandom;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An inbox's email address, lowercase. The local part is what SMTP can carry unquoted: an RFC 5321 dot-atom
 * (atext runs separated by single dots) of at most 64 characters. Case does not tell two inboxes apart.
 */
public record InboxAddress(String localPart, String domain) {

    public static final int MAX_LOCAL_PART = 64;

    // RFC 5321 section 4.1.2 Dot-string / RFC 5322 atext.
    private static final Pattern DOT_ATOM =
            Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");

    private static final List<String> ADJECTIVES = List.of("amber", "brave", "bright", "calm", "clever", "cosmic",
            "crisp", "eager", "gentle", "golden", "happy", "humble", "jolly", "keen", "kind", "lively", "lucky",
            "mellow", "merry", "nimble", "noble", "polite", "proud", "quick", "quiet", "rapid", "silver", "steady",
            "sunny", "swift", "tidy", "witty");
    private static final List<String> NOUNS = List.of("badger", "beacon", "comet", "falcon", "fern", "finch",
            "harbor", "heron", "lark", "lynx", "maple", "meadow", "otter", "owl", "panda", "pebble", "pine", "raven",
            "river", "robin", "sparrow", "spruce", "summit", "thistle", "tiger", "trail", "tulip", "walrus",
            "willow", "wren", "yak", "zephyr");
    private static final String SUFFIX_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The address a client asked for; a local part SMTP cannot carry is a 400 naming {@code username}. */
    public static InboxAddress requested(String username, String domain) {
        if (username.length() > MAX_LOCAL_PART || !DOT_ATOM.matcher(username).matches()) {
            throw ApiException.invalidField("username", "must be 1 to " + MAX_LOCAL_PART + " characters of letters, "
                    + "digits and !#$%&'*+/=?^_`{|}~- with single dots between them, not at either end");
        }
        return new InboxAddress(username.toLowerCase(Locale.ROOT), domain.toLowerCase(Locale.ROOT));
    }

    /** A readable address nobody asked for, such as {@code swift-otter-k3j9}; the caller checks it is free. */
    public static InboxAddress generated(String domain) {
        StringBuilder local = new StringBuilder()
                .append(ADJECTIVES.get(RANDOM.nextInt(ADJECTIVES.size()))).append('-')
                .append(NOUNS.get(RANDOM.nextInt(NOUNS.size()))).append('-');
        for (int i = 0; i < 4; i++) {
            local.append(SUFFIX_ALPHABET.charAt(RANDOM.nextInt(SUFFIX_ALPHABET.length())));
        }
        return new InboxAddress(local.toString(), domain.toLowerCase(Locale.ROOT));
    }

    /** The address, which is also the inbox's id. */
    public String value() {
        return localPart + "@" + domain;
    }
}
