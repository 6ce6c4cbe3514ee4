package io.secureconnect.chat.mls;

/** A commit added a device: its owner's sockets get the Welcome ({@code mls.welcome}) once the commit is stored. */
public record WelcomeStored(Welcome welcome) {
}
