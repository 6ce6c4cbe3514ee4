package io.secureconnect.chat;

import io.secureconnect.chat.realtime.SocketBuffers;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The chat service: conversations and messages over REST and WebSocket, presence, receipts, polls, push, E2EE key bundles. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class ChatServiceApplication {

    public static void main(String[] args) {
        SocketBuffers.shrinkWebSocketBuffers(); // before Tomcat loads
        SpringApplication.run(ChatServiceApplication.class, args);
    }
}
