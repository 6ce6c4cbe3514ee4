package io.secureconnect.video;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The video service: call signaling over WebSocket, call state that survives restarts, TURN credentials. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class VideoServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(VideoServiceApplication.class, args);
    }
}
