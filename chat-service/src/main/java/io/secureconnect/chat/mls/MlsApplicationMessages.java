package io.secureconnect.chat.mls;

import io.secureconnect.chat.ChatErrorCode;
import io.secureconnect.chat.conversation.Conversation;
import io.secureconnect.chat.message.SendMessage;
import io.secureconnect.chat.message.SendPolicy;
import io.secureconnect.chat.mlswire.ContentType;
import io.secureconnect.chat.mlswire.MalformedMls;
import io.secureconnect.chat.mlswire.MlsWire;
import io.secureconnect.chat.mlswire.PrivateMessage;
import io.secureconnect.common.security.Caller;
import io.secureconnect.common.web.ApiException;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * What is sent into an end-to-end encrypted conversation is an MLS application message of its group: the body is a
 * base64 {@code MLSMessage} holding a {@code PrivateMessage} of this group with content type application
 * for an epoch the group has reached ({@code INVALID_MLS_MESSAGE}). A handshake message encrypted as a PrivateMessage is refused too, since the
 * Delivery Service could not check it: commits go through {@code /mls/commits}. And while the group holds a stale
 * leaf (a device that is gone, a user who left) nothing is sent ({@code MLS_GROUP_STALE}): a removed user's device
 * can never be sent to, even by a client that forgot to reconcile.
 */
@Component
@Order(SendPolicy.MLS)
class MlsApplicationMessages implements SendPolicy {

    private final MlsGroupRepository groups;

    MlsApplicationMessages(MlsGroupRepository groups) {
        this.groups = groups;
    }

    @Override
    public void checkSender(Caller caller, Conversation conversation) {
        if (refusesSender(caller, conversation)) {
            throw new ApiException(ChatErrorCode.MLS_GROUP_STALE, "The group holds a device that is gone or a user "
                    + "who left: commit their removal (GET …/mls names them), then send.");
        }
    }

    @Override
    public boolean refusesSender(Caller caller, Conversation conversation) {
        return conversation.e2ee() && groups.hasStaleLeaf(conversation.id());
    }

    @Override
    public void checkMessage(Caller caller, Conversation conversation, SendMessage command) {
        if (!conversation.e2ee() || command.body() == null) {
            return;
        }
        PrivateMessage message;
        try {
            message = MlsWire.readBase64(command.body(), PrivateMessage.class);
        } catch (MalformedMls e) {
            throw new ApiException(ChatErrorCode.INVALID_MLS_MESSAGE,
                    "body must be a base64 MLSMessage holding a PrivateMessage: " + e.getMessage() + ".");
        }
        if (!GroupId.isOf(message.groupId(), conversation.id())) {
            throw new ApiException(ChatErrorCode.INVALID_MLS_MESSAGE, "The message is for another group.");
        }
        if (message.contentType() != ContentType.APPLICATION) {
            throw new ApiException(ChatErrorCode.INVALID_MLS_MESSAGE,
                    "Only application messages are sent here; commits go to /mls/commits as PublicMessages.");
        }
        // an epoch the group never reached is one no member could decrypt (before its first commit a group is at 0)
        long epoch = groups.epoch(conversation.id()).orElse(0);
        if (message.epoch() > epoch) {
            throw new ApiException(ChatErrorCode.INVALID_MLS_MESSAGE,
                    "The message is for epoch " + message.epoch() + "; the group is at " + epoch + ".");
        }
    }
}
