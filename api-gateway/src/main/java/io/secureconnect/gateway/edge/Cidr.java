package io.secureconnect.gateway.edge;

import java.net.InetAddress;
import java.util.Arrays;

/**
 * A network in CIDR notation ({@code 10.0.0.0/8}, {@code ::1/128}; a bare address is a single host). Addresses are
 * parsed as literals only, never looked up in DNS, so configuration and headers cannot trigger lookups.
 */
record Cidr(byte[] network, int prefixLength) {

    static Cidr parse(String text) {
        String trimmed = text.trim();
        int slash = trimmed.indexOf('/');
        InetAddress address = literal(slash < 0 ? trimmed : trimmed.substring(0, slash));
        if (address == null) {
            throw new IllegalArgumentException("not an IP network: '" + text + "'");
        }
        int bits = address.getAddress().length * 8;
        int prefix = slash < 0 ? bits : Integer.parseInt(trimmed.substring(slash + 1));
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("prefix out of range in '" + text + "'");
        }
        return new Cidr(address.getAddress(), prefix);
    }

    /** The address written in {@code text}, or null when it is not an IP literal. */
    static InetAddress literal(String text) {
        try {
            return text == null || text.isBlank() ? null : InetAddress.ofLiteral(text.trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        if (candidate.length != network.length) {
            return false;
        }
        int fullBytes = prefixLength / 8;
        if (!Arrays.equals(candidate, 0, fullBytes, network, 0, fullBytes)) {
            return false;
        }
        int remainingBits = prefixLength % 8;
        if (remainingBits == 0) {
            return true;
        }
        int mask = (0xFF << (8 - remainingBits)) & 0xFF;
        return (candidate[fullBytes] & mask) == (network[fullBytes] & mask);
    }
}
