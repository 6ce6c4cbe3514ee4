package io.secureconnect.chat.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.secureconnect.chat.support.ChatApi;
import io.secureconnect.common.audit.AuditResult;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class DeviceApiIntegrationTest extends PushIntegrationTest {

    @Test
    void aRegisteredDeviceHasTheContractShapeAndNeverShowsItsToken() {
        ChatApi ann = user();

        var created = ann.post("/api/v1/devices", Map.of("platform", "fcm", "token", "secret-token-1", "deviceId", "pixel-8"));
        var listed = ann.get("/api/v1/devices");

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().path("id").asString()).isNotEmpty();
        assertThat(created.body().path("platform").asString()).isEqualTo("fcm");
        assertThat(created.body().path("deviceId").asString()).isEqualTo("pixel-8");
        assertThat(created.raw().body()).doesNotContain("secret-token-1");
        assertThat(listed.body().path("items")).hasSize(1);
        assertThat(listed.raw().body()).doesNotContain("secret-token-1");
        assertThat(audit.all()).anyMatch(event -> event.action().equals("chat.device.register")
                && event.result() == AuditResult.SUCCESS && ann.userId().toString().equals(event.userId()));
    }

    @Test
    void registeringTheSameDeviceAgainReplacesItsToken() {
        ChatApi ann = user();

        var first = ann.post("/api/v1/devices", Map.of("platform", "apns", "token", "old-token", "deviceId", "iphone"));
        var second = ann.post("/api/v1/devices", Map.of("platform", "apns", "token", "new-token", "deviceId", "iphone"));

        assertThat(second.body().path("id").asString()).isEqualTo(first.body().path("id").asString());
        assertThat(ann.get("/api/v1/devices").body().path("items")).hasSize(1);
    }

    @Test
    void aTokenRegisteredByAnotherUserMovesToThem() {
        ChatApi ann = user();
        ChatApi bob = user();
        ann.post("/api/v1/devices", Map.of("platform", "fcm", "token", "shared-phone-token", "deviceId", "phone"));

        var moved = bob.post("/api/v1/devices", Map.of("platform", "fcm", "token", "shared-phone-token", "deviceId", "phone"));

        assertThat(moved.status()).isEqualTo(201);
        assertThat(ann.get("/api/v1/devices").body().path("items")).isEmpty();
        assertThat(bob.get("/api/v1/devices").body().path("items")).hasSize(1);
    }

    @Test
    void devicesAreRemovedOneByOneOrAllAtOnce() {
        ChatApi ann = user();
        String first = ann.post("/api/v1/devices", Map.of("platform", "fcm", "token", "t-" + ann.userId() + "-1",
                "deviceId", "one")).body().path("id").asString();
        ann.post("/api/v1/devices", Map.of("platform", "webpush", "token", providers.newWebPushSubscription(), "deviceId", "two"));
        ann.post("/api/v1/devices", Map.of("platform", "apns", "token", "t-" + ann.userId() + "-3", "deviceId", "three"));

        var removed = ann.delete("/api/v1/devices/" + first);
        var remaining = ann.get("/api/v1/devices").body().path("items");
        var removedAll = ann.delete("/api/v1/devices");

        assertThat(removed.status()).isEqualTo(204);
        assertThat(remaining).hasSize(2);
        assertThat(removedAll.status()).isEqualTo(204);
        assertThat(ann.get("/api/v1/devices").body().path("items")).isEmpty();
    }

    @Test
    void anotherUsersDeviceIsNotFoundAndTheAttemptIsAudited() {
        ChatApi ann = user();
        ChatApi mallory = user();
        String id = ann.post("/api/v1/devices", Map.of("platform", "fcm", "token", "t-" + ann.userId(), "deviceId", "phone"))
                .body().path("id").asString();

        var removed = mallory.delete("/api/v1/devices/" + id);
        var tested = mallory.post("/api/v1/devices/" + id + "/test", Map.of());

        assertThat(removed.status()).isEqualTo(404);
        assertThat(removed.code()).isEqualTo("DEVICE_NOT_FOUND");
        assertThat(tested.status()).isEqualTo(404);
        assertThat(audit.denials("device:" + id)).hasSize(2);
        assertThat(ann.get("/api/v1/devices").body().path("items")).hasSize(1);
    }

    @Test
    void malformedRegistrationsAreRefusedWithStableCodes() {
        ChatApi ann = user();

        var platform = ann.post("/api/v1/devices", Map.of("platform", "pager", "token", "t", "deviceId", "d"));
        var token = ann.post("/api/v1/devices", Map.of("platform", "fcm", "token", "has spaces", "deviceId", "d"));
        var deviceId = ann.post("/api/v1/devices", Map.of("platform", "fcm", "token", "t"));
        var json = ann.postRaw("/api/v1/devices", "{\"platform\":");
        var wrongType = ann.postRaw("/api/v1/devices", "{\"platform\":[1],\"token\":\"t\",\"deviceId\":\"d\"}");

        for (var response : java.util.List.of(platform, token, deviceId, json, wrongType)) {
            assertThat(response.status()).isEqualTo(400);
        }
        assertThat(platform.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(json.code()).isEqualTo("MALFORMED_REQUEST");
    }

    @Test
    void aWebPushSubscriptionMustBeWellFormedAndPointAtAnAllowedPushService() {
        ChatApi ann = user();
        String elsewhere = providers.newWebPushSubscription().replace("127.0.0.1", "localhost");

        var notJson = ann.post("/api/v1/devices", Map.of("platform", "webpush", "token", "https://push.example/abc", "deviceId", "b"));
        var notAllowed = ann.post("/api/v1/devices", Map.of("platform", "webpush", "token", elsewhere, "deviceId", "b"));
        var key = ann.get("/api/v1/devices/webpush-key");

        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notAllowed.status()).isEqualTo(400);
        assertThat(notAllowed.body().path("detail").asString()).contains("not a push service");
        assertThat(key.body().path("publicKey").asString()).isEqualTo(providers.vapidPublicKey());
    }

    @Test
    void aUserKeepsAtMostTheConfiguredNumberOfDevices() {
        ChatApi ann = user();
        for (int i = 0; i < 22; i++) {
            ann.post("/api/v1/devices", Map.of("platform", "fcm", "token", "t-" + ann.userId() + "-" + i, "deviceId", "d" + i));
        }

        JsonNode items = ann.get("/api/v1/devices").body().path("items");

        assertThat(items).hasSize(20);
        assertThat(items.toString()).doesNotContain("\"d0\"", "\"d1\"").contains("\"d21\"");
    }
}
