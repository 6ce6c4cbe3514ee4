package io.secureconnect.chat.message;

import io.secureconnect.chat.conversation.Conversation;
import io.secureconnect.common.security.Caller;

/**
 * One rule of sending a message. Every policy is a component; they run in the order of the constants below, which are
 * the one list of sending rules: adding a rule is one more constant and one more component. A policy overrides only
 * the steps it has a say in.
 * <ul>
 *   <li>{@link #checkAttempt} runs for every send, a retry of an earlier one too, before the client id is looked up
 *       (membership: a non-member learns nothing, not even that a message was stored);</li>
 *   <li>{@link #checkSender} and {@link #checkMessage} run for a new message, policy by policy in the list's order;
 *       the first concerns every message of the caller into the conversation, the second this one message;</li>
 *   <li>{@link #refusesSender} is {@link #checkSender} asked quietly (no audit, no answer) before a batch of sends is
 *       stored together: when a policy refuses, the batch goes one by one, where each send is answered and
 *       audited as on its own.</li>
 * </ul>
 * The socket's frame budget (common websocket runtime) and the gateway limit the rate of sends; there is no rate
 * rule of its own here.
 */
public interface SendPolicy {

    /** Only a member sends into a conversation; anyone else gets the conversation's 404. */
    int MEMBERSHIP = 100;
    /** Unverified users may read but not send, when the deployment says so. */
    int VERIFIED_EMAIL = 200;
    /** The type is one a client may send: text, attachment or e2ee. */
    int MESSAGE_TYPE = 300;
    /** An end-to-end encrypted conversation takes only ciphertext, any other conversation no ciphertext. */
    int E2EE = 400;
    /** Attachments, body and reply fit: counts, lengths, text PostgreSQL and JSON can carry, a reply to a message here. */
    int CONTENT = 500;
    /**
     * In an end-to-end encrypted conversation the body is an MLS application message of its group, and nothing is
     * sent while the group still holds a leaf that must be removed (io.secureconnect.chat.mls).
     */
    int MLS = 550;
    /** Nobody messages across a block in a direct conversation. */
    int BLOCKS = 600;
    /** Every attached file is one storage lets the sender share with the conversation (and shares it). */
    int ATTACHMENTS = 700;

    /** Every send, a retry too; throws the refusal. */
    default void checkAttempt(Caller caller, SendMessage command) {
    }

    /** A new message: what concerns every message of {@code caller} into {@code conversation}; throws the refusal. */
    default void checkSender(Caller caller, Conversation conversation) {
    }

    /** A new message: what concerns this one; throws the refusal. */
    default void checkMessage(Caller caller, Conversation conversation, SendMessage command) {
    }

    /** {@link #checkSender} without audit or answer: true when it would refuse. */
    default boolean refusesSender(Caller caller, Conversation conversation) {
        return false;
    }
}
