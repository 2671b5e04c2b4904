package dev.agentmail.thread.fetch;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

/**
 * Which addresses thread-service fetches attachments from: the public internet only. A URL in a send must not
 * reach the services beside it, the cloud's metadata address or anything else on the inside; the operator may
 * open blocks of their own ({@code agentmail.thread.attachment-fetch.allowed-networks}).
 */
final class FetchableAddresses {

    /** Blocks that are not the public internet, beyond what InetAddress itself tells (loopback, private...). */
    private static final List<Network> NOT_PUBLIC = List.of(
            Network.parse("0.0.0.0/8"),
            Network.parse("100.64.0.0/10"),
            Network.parse("192.0.0.0/24"),
            Network.parse("198.18.0.0/15"),
            Network.parse("240.0.0.0/4"),
            Network.parse("fc00::/7"),
            Network.parse("64:ff9b::/96"),
            Network.parse("64:ff9b:1::/48"),
            Network.parse("2001:db8::/32"));

    private final List<Network> allowed;

    FetchableAddresses(List<Network> allowed) {
        this.allowed = List.copyOf(allowed);
    }

    /** Whether a connection to this address may be made. */
    boolean admits(InetAddress address) {
        return allowed.stream().anyMatch(network -> network.contains(address)) || isPublic(address);
    }

    private static boolean isPublic(InetAddress address) {
        InetAddress embedded = embeddedIpv4(address);
        if (embedded != null) {
            return isPublic(embedded);
        }
        return !(address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()
                || NOT_PUBLIC.stream().anyMatch(network -> network.contains(address)));
    }

    /**
     * The IPv4 address an IPv4-compatible IPv6 address ({@code ::a.b.c.d}) carries; Java already reads the
     * IPv4-mapped form ({@code ::ffff:a.b.c.d}) as IPv4.
     */
    private static InetAddress embeddedIpv4(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return null;
        }
        byte[] bytes = address.getAddress();
        if (!Arrays.equals(Arrays.copyOf(bytes, 12), new byte[12])) {
            return null;
        }
        try {
            return InetAddress.getByAddress(Arrays.copyOfRange(bytes, 12, 16));
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
