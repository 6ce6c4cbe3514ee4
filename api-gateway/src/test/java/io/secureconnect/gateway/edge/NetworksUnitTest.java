package io.secureconnect.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class NetworksUnitTest {

    private final Networks privateRanges = Networks.of(List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.1.128/25", "fc00::/7"));

    @Test
    void addressesInsideAPrefixBelongAndTheNeighboursDoNot() {
        assertThat(privateRanges.contains(Cidr.literal("10.255.0.1"))).isTrue();
        assertThat(privateRanges.contains(Cidr.literal("11.0.0.1"))).isFalse();
        assertThat(privateRanges.contains(Cidr.literal("172.31.255.255"))).isTrue();
        assertThat(privateRanges.contains(Cidr.literal("172.32.0.0"))).isFalse();
        assertThat(privateRanges.contains(Cidr.literal("192.168.1.200"))).isTrue();
        assertThat(privateRanges.contains(Cidr.literal("192.168.1.127"))).isFalse();
        assertThat(privateRanges.contains(Cidr.literal("fd12::1"))).isTrue();
        assertThat(privateRanges.contains(Cidr.literal("2001:db8::1"))).isFalse();
    }

    @Test
    void aBareAddressIsOneHost() {
        Networks proxy = Networks.of(List.of("127.0.0.1"));

        assertThat(proxy.contains(Cidr.literal("127.0.0.1"))).isTrue();
        assertThat(proxy.contains(Cidr.literal("127.0.0.2"))).isFalse();
    }

    @Test
    void onlyLiteralsAreAddressesSoHeadersNeverCauseDnsLookups() {
        assertThat(Cidr.literal("localhost")).isNull();
        assertThat(Cidr.literal("example.com")).isNull();
        assertThat(Cidr.literal("10.0.0.1, 10.0.0.2")).isNull();
        assertThat(Cidr.literal("")).isNull();
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/33")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cidr.parse("intranet/8")).isInstanceOf(IllegalArgumentException.class);
    }
}
