package io.secureconnect.chat.push;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;

/** Sends a push to every registered device of some users, in the background. */
@Service
public class Pushes {

    private final DeviceRepository devices;
    private final PushDispatcher dispatcher;

    Pushes(DeviceRepository devices, PushDispatcher dispatcher) {
        this.devices = devices;
        this.dispatcher = dispatcher;
    }

    /** Queues one push per device of each user; returns at once. */
    public void toUsers(Collection<UUID> userIds, PushContent content) {
        if (!userIds.isEmpty()) {
            dispatcher.enqueue(devices.ofUsers(userIds), content);
        }
    }

    void toDevice(Device device, PushContent content) {
        dispatcher.enqueue(List.of(device), content);
    }

    /** Pushes queued, waiting for a retry, or in flight (also the gauge {@code push_queue_size}). */
    public int pending() {
        return dispatcher.pending();
    }
}
