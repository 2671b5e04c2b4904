package dev.agentmail.thread.mailbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ThreadingTest {

    @Test
    void inReplyToComesFirstThenReferencesFromTheParentBackToTheRoot() {
        assertEquals(List.of("<parent@x>", "<middle@x>", "<root@x>"),
                Threading.candidates("<parent@x>", List.of("<root@x>", "<middle@x>", "<parent@x>")));
    }

    @Test
    void withoutInReplyToTheReferencesAlone() {
        assertEquals(List.of("<b@x>", "<a@x>"), Threading.candidates(null, List.of("<a@x>", "<b@x>")));
    }

    @Test
    void aMessageWithNeitherStartsAThread() {
        assertEquals(List.of(), Threading.candidates(null, List.of()));
    }
}
