package io.secureconnect.chat.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class PushPropertiesUnitTest {

    @Test
    void emptySettingsFromTheEnvironmentLeaveAProviderOff() {
        var fcm = new PushProperties.Fcm(URI.create("https://fcm.googleapis.com"), Path.of(""), " ");
        var apns = new PushProperties.Apns(URI.create("https://api.push.apple.com"), "", "", Path.of(""), "");

        assertThat(fcm.credentialsFile()).isNull();
        assertThat(fcm.projectId()).isNull();
        assertThat(apns.privateKeyFile()).isNull();
        assertThat(apns.topic()).isNull();
    }

    @Test
    void webPushOnlyCallsHttpsEndpointsOfTheAllowedPushServices() {
        var webpush = new PushProperties.WebPush("key", Path.of("vapid.pem"), "mailto:ops@example.org",
                List.of("fcm.googleapis.com", "*.push.apple.com"), false);

        assertThat(webpush.allows(URI.create("https://fcm.googleapis.com/fcm/send/abc"))).isTrue();
        assertThat(webpush.allows(URI.create("https://WEB.push.apple.com/QGx"))).isTrue();
        assertThat(webpush.allows(URI.create("http://fcm.googleapis.com/fcm/send/abc"))).isFalse();
        assertThat(webpush.allows(URI.create("https://push.apple.com.evil.example/x"))).isFalse();
        assertThat(webpush.allows(URI.create("https://169.254.169.254/latest/meta-data"))).isFalse();
        assertThat(webpush.allows(URI.create("https://user@fcm.googleapis.com/x"))).isFalse();
    }
}
