package dev.agentmail.thread.mime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MailAddressTest {

    @Test
    void aBareAddressIsItsOwnText() {
        assertEquals("bob@example.com", MailAddress.parse("to", "bob@example.com").toString());
    }

    @Test
    void aDisplayNameIsKept() {
        MailAddress address = MailAddress.parse("to", "Bob Smith <Bob@Example.COM>");

        assertEquals("Bob Smith", address.displayName());
        assertEquals("bob@example.com", address.address());
        assertEquals("Bob Smith <Bob@example.com>", address.toString());
    }

    @Test
    void anAddressWithoutDomainIsRefusedNamingTheField() {
        InvalidMail refused = assertThrows(InvalidMail.class, () -> MailAddress.parse("cc", "bob"));

        assertEquals("cc", refused.field());
    }

    @Test
    void garbageIsRefused() {
        assertThrows(InvalidMail.class, () -> MailAddress.parse("to", "<<not an address"));
    }

    @Test
    void aLineBreakIsRefused() {
        assertThrows(InvalidMail.class, () -> MailAddress.parse("to", "a@example.com\r\nBcc: b@example.com"));
    }
}
