package dev.agentmail.thread.fetch;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which addresses an attachment URL may lead to. */
class EgressPolicyTest {

    private final EgressPolicy publicOnly = new EgressPolicy(List.of());

    @Test
    void theInsideIsRefusedInEveryNotation() throws UnknownHostException {
        for (String inside : List.of("127.0.0.1", "127.1.2.3", "0.0.0.0", "10.1.2.3", "172.16.0.1", "172.31.255.255",
                "192.168.1.1", "169.254.169.254", "100.64.0.1", "224.0.0.1", "255.255.255.255", "::1", "::",
                "fe80::1", "fd00::1", "fc12::3", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::127.0.0.1",
                "::169.254.169.254", "64:ff9b::a9fe:a9fe", "2130706433")) {
            assertFalse(publicOnly.admits(inside, InetAddress.getByName(inside), 80), inside);
        }
    }

    @Test
    void thePublicInternetIsFetchedFrom() throws UnknownHostException {
        for (String outside : List.of("8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "2606:4700::1111",
                "::ffff:8.8.8.8")) {
            assertTrue(publicOnly.admits(outside, InetAddress.getByName(outside), 443), outside);
        }
    }

    @Test
    void anOperatorMayOpenBlocksOfTheirOwn() throws UnknownHostException {
        EgressPolicy intranet = new EgressPolicy(List.of("10.20.0.0/16", " fd00:1::/32", "192.168.7.7"));
        assertTrue(admits(intranet, "10.20.3.4", 80));
        assertTrue(admits(intranet, "fd00:1::5", 80));
        assertTrue(admits(intranet, "192.168.7.7", 8080));
        assertFalse(admits(intranet, "10.21.0.1", 80));
        assertFalse(admits(intranet, "127.0.0.1", 80));
    }

    @Test
    void aHostPortPairOpensThatPortOnly() throws UnknownHostException {
        EgressPolicy files = new EgressPolicy(List.of("10.1.2.3:9000", "[::1]:8080", "files.corp:8443"));
        assertTrue(admits(files, "10.1.2.3", 9000));
        assertFalse(admits(files, "10.1.2.3", 9001));
        assertTrue(admits(files, "::1", 8080));
        assertFalse(admits(files, "::1", 8081));
        assertTrue(files.admits("FILES.corp", InetAddress.getByName("10.9.9.9"), 8443));
        assertFalse(files.admits("files.corp", InetAddress.getByName("10.9.9.9"), 443));
        assertFalse(files.admits("other.corp", InetAddress.getByName("10.9.9.9"), 8443));
    }

    private static boolean admits(EgressPolicy policy, String address, int port) throws UnknownHostException {
        return policy.admits(address, InetAddress.getByName(address), port);
    }
}
