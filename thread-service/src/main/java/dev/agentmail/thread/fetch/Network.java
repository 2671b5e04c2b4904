package dev.agentmail.thread.fetch;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** A block of addresses in CIDR notation ({@code 10.0.0.0/8}, {@code fc00::/7}). */
record Network(byte[] prefix, int bits) {

    /** Reads {@code address/bits}; a bare address is a network of one. Only literal addresses, never a name. */
    static Network parse(String cidr) {
        String text = cidr.strip();
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        if (!isAddressLiteral(address)) {
            throw new IllegalArgumentException("not an address block: " + cidr);
        }
        try {
            byte[] bytes = InetAddress.getByName(address).getAddress();
            int bits = slash < 0 ? bytes.length * 8 : Integer.parseInt(text.substring(slash + 1));
            if (bits < 0 || bits > bytes.length * 8) {
                throw new IllegalArgumentException("not an address block: " + cidr);
            }
            return new Network(bytes, bits);
        } catch (UnknownHostException | NumberFormatException e) {
            throw new IllegalArgumentException("not an address block: " + cidr, e);
        }
    }

    /** Whether the text is written as an IPv4 or IPv6 address (so that reading it never asks DNS). */
    static boolean isAddressLiteral(String text) {
        return text.matches("[0-9a-fA-F:.]+");
    }

    boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length != prefix.length) {
            return false;
        }
        for (int bit = 0; bit < bits; bit++) {
            int mask = 0x80 >>> (bit % 8);
            if ((bytes[bit / 8] & mask) != (prefix[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }
}
