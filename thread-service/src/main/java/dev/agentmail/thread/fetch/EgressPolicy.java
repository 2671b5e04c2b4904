package dev.agentmail.thread.fetch;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where thread-service may connect to fetch what a request names by URL: the public internet only. A URL in a
 * send must not reach the services beside it, the cloud's metadata address or anything else on the inside. The
 * operator may let chosen inside targets through ({@code AGENTMAIL_EGRESS_ALLOW}): address blocks in CIDR
 * ({@code 10.20.0.0/16}, a bare address is a block of one) and {@code host:port} pairs ({@code files.corp:8443},
 * {@code 10.1.2.3:9000}, {@code [fd00::5]:80}), which open that port only.
 */
final class EgressPolicy {

    /** One port of one host, named as URLs name it or by its address. */
    private record HostPort(String host, int port) {

        boolean matches(String urlHost, InetAddress address, int urlPort) {
            return port == urlPort && (host.equalsIgnoreCase(urlHost) || host.equals(address.getHostAddress()));
        }
    }

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

    private final List<Network> networks = new ArrayList<>();
    private final List<HostPort> hostPorts = new ArrayList<>();

    /** @param allowed the operator's entries: CIDR blocks, bare addresses and host:port pairs */
    EgressPolicy(List<String> allowed) {
        for (String entry : allowed) {
            String text = entry.strip();
            if (text.isEmpty()) {
                continue;
            }
            int colon = text.lastIndexOf(':');
            boolean hostAndPort = colon > 0 && text.substring(colon + 1).matches("[0-9]{1,5}")
                    && (text.startsWith("[") || text.indexOf(':') == colon);
            if (hostAndPort) {
                String host = text.substring(0, colon).replace("[", "").replace("]", "");
                hostPorts.add(new HostPort(normalized(host), Integer.parseInt(text.substring(colon + 1))));
            } else {
                networks.add(Network.parse(text));
            }
        }
    }

    /**
     * Whether a connection to {@code address}, which {@code host} (as the URL writes it) resolved to, on
     * {@code port} may be made.
     */
    boolean admits(String host, InetAddress address, int port) {
        String urlHost = host.replace("[", "").replace("]", "");
        return isPublic(address) || networks.stream().anyMatch(network -> network.contains(address))
                || hostPorts.stream().anyMatch(allowed -> allowed.matches(urlHost, address, port));
    }

    /** An address literal as InetAddress prints it (so ::1 and 0:0:0:0:0:0:0:1 compare equal); a name as it is. */
    private static String normalized(String host) {
        if (!Network.isAddressLiteral(host)) {
            return host;
        }
        try {
            return InetAddress.getByName(host).getHostAddress();
        } catch (UnknownHostException e) {
            return host;
        }
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
