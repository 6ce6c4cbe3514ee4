package io.secureconnect.common.web.servlet;

import org.apache.catalina.valves.RemoteIpValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;

/**
 * Makes a request's remote address the client's, not the gateway's: Tomcat's {@link RemoteIpValve} takes
 * {@code X-Forwarded-For} and {@code X-Forwarded-Proto} from the gateway's addresses only (the gateway sends exactly
 * one verified client address). Per-IP login limits, sessions and audit events all read the remote address, so
 * without this every client looks like the gateway, and 30 failed logins by anyone lock out everyone. From any other
 * peer the headers are ignored: a client that reaches a service directly cannot claim another address.
 */
public class GatewayClientAddress implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    private final String gatewayAddresses;

    /** @param gatewayAddresses a regular expression of the gateway's addresses (Tomcat's internal-proxies syntax) */
    public GatewayClientAddress(String gatewayAddresses) {
        this.gatewayAddresses = gatewayAddresses;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        RemoteIpValve valve = new RemoteIpValve();
        valve.setInternalProxies(gatewayAddresses);
        valve.setTrustedProxies(null);
        valve.setRemoteIpHeader("X-Forwarded-For");
        valve.setProtocolHeader("X-Forwarded-Proto");
        factory.addEngineValves(valve);
    }
}
