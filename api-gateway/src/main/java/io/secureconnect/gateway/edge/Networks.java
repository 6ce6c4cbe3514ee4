package io.secureconnect.gateway.edge;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

/** A list of networks (CIDR), e.g. the trusted proxies or the operator networks allowed to read {@code /metrics}. */
final class Networks {

    private final List<Cidr> networks;

    private Networks(List<Cidr> networks) {
        this.networks = networks;
    }

    static Networks of(List<String> cidrs) {
        return new Networks(cidrs.stream().filter(cidr -> !cidr.isBlank()).map(Cidr::parse).toList());
    }

    boolean contains(InetAddress address) {
        return address != null && networks.stream().anyMatch(network -> network.contains(address));
    }

    boolean contains(InetSocketAddress address) {
        return address != null && contains(address.getAddress());
    }
}
