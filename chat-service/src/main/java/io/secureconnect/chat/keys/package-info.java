/**
 * The E2EE directory of the MLS Delivery Service (docs/e2ee.md): users' devices with the credentials chat-service
 * signs for them, and their KeyPackages, handed out once each to members of a conversation they share.
 */
package io.secureconnect.chat.keys;
