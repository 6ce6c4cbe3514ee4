package io.secureconnect.common.peer;

import java.util.Objects;

/**
 * The access token of the user a service acts for, relayed as {@code Authorization: Bearer} to a peer endpoint that
 * authorises that user (an interface method declares it as a parameter). The peer can only answer about that user,
 * so no service holds credentials of its own. {@link #toString()} hides the token.
 */
public record CallerToken(String value) {

    public CallerToken {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return "CallerToken[***]";
    }
}
