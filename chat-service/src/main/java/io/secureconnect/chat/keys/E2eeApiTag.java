package io.secureconnect.chat.keys;

/**
 * The one tag of the end-to-end encryption API in the description (issue 23), shared by its controllers here and in
 * {@code io.secureconnect.chat.mls}: one feature, one section for a reader and one API class in a generated client.
 */
public final class E2eeApiTag {

    public static final String NAME = "End-to-End Encryption";
    public static final String DESCRIPTION = "The MLS (RFC 9420) Delivery Service and authentication service of "
            + "end-to-end encrypted conversations (docs/e2ee.md): a user's devices and their credentials, the "
            + "KeyPackages that add a device to a group, each conversation's group with its commits, and the "
            + "Welcomes that let an added device join. MLS messages travel as standard base64; a `deviceId` is 1 to "
            + "64 of `A-Za-z0-9._:-`, chosen by the client.";

    private E2eeApiTag() {
    }
}
