package io.secureconnect.chat.mls;

import java.util.List;
import java.util.UUID;

import io.secureconnect.chat.ChatErrorCode;
import io.secureconnect.chat.keys.DeviceRemoved;
import io.secureconnect.chat.keys.KeyDirectory;
import io.secureconnect.common.security.Caller;
import io.secureconnect.common.web.ApiException;

import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The Welcomes waiting for a user's device: fetched by the device (besides the {@code mls.welcome} frame, which a
 * device that was offline missed) and deleted by it once processed. They go with the device.
 */
@Service
class Welcomes {

    static final int MAX_LISTED = 100;

    private final WelcomeRepository welcomes;
    private final KeyDirectory directory;

    Welcomes(WelcomeRepository welcomes, KeyDirectory directory) {
        this.welcomes = welcomes;
        this.directory = directory;
    }

    List<Welcome> waiting(Caller caller, String deviceId) {
        return welcomes.forDevice(ownDevice(caller, deviceId), MAX_LISTED);
    }

    /** Deleting one that is gone already is not an error (a retry). */
    void processed(Caller caller, String deviceId, UUID welcomeId) {
        welcomes.delete(ownDevice(caller, deviceId), welcomeId);
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(DeviceRemoved removed) {
        welcomes.deleteAllOf(new UserDevice(removed.userId(), removed.deviceId()));
    }

    private UserDevice ownDevice(Caller caller, String deviceId) {
        if (directory.device(caller.userId(), deviceId).isEmpty()) {
            throw new ApiException(ChatErrorCode.DEVICE_NOT_FOUND, "No such device of yours.");
        }
        return new UserDevice(caller.userId(), deviceId);
    }
}
