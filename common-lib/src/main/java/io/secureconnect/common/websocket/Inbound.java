package io.secureconnect.common.websocket;

/** A frame as read from a socket: understood, or refused with the error frame that says why. */
public sealed interface Inbound {

    /** The name the client gave the frame (its {@code clientId} or {@code ref}), echoed in answers; may be null. */
    String ref();

    /** A frame of a registered type whose members are well-formed. */
    record Frame(ClientFrame frame, String ref) implements Inbound {
    }

    /** A frame that could not be understood; the socket stays open. */
    record Refused(ErrorFrame error) implements Inbound {
        @Override
        public String ref() {
            return error.ref();
        }
    }
}
