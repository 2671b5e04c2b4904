package dev.agentmail.thread.fetch;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which addresses an attachment URL may lead to. */
class FetchableAddressesTest {

    private final FetchableAddresses publicOnly = new FetchableAddresses(List.of());

    @Test
    void theInsideIsRefusedInEveryNotation() throws UnknownHostException {
        for (String inside : List.of("127.0.0.1", "127.1.2.3", "0.0.0.0", "10.1.2.3", "172.16.0.1", "172.31.255.255",
                "192.168.1.1", "169.254.169.254", "100.64.0.1", "224.0.0.1", "255.255.255.255", "::1", "::",
                "fe80::1", "fd00::1", "fc12::3", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::127.0.0.1",
                "::169.254.169.254", "64:ff9b::a9fe:a9fe", "2130706433")) {
            assertFalse(publicOnly.admits(InetAddress.getByName(inside)), inside);
        }
    }

    @Test
    void thePublicInternetIsFetchedFrom() throws UnknownHostException {
        for (String outside : List.of("8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "2606:4700::1111",
                "::ffff:8.8.8.8")) {
            assertTrue(publicOnly.admits(InetAddress.getByName(outside)), outside);
        }
    }

    @Test
    void anOperatorMayOpenBlocksOfTheirOwn() throws UnknownHostException {
        FetchableAddresses intranet = new FetchableAddresses(List.of(Network.parse("10.20.0.0/16"),
                Network.parse("fd00:1::/32")));
        assertTrue(intranet.admits(InetAddress.getByName("10.20.3.4")));
        assertTrue(intranet.admits(InetAddress.getByName("fd00:1::5")));
        assertFalse(intranet.admits(InetAddress.getByName("10.21.0.1")));
        assertFalse(intranet.admits(InetAddress.getByName("127.0.0.1")));
    }
}
