/** chat-service's internal membership endpoints as interfaces both sides compile against. */
package io.secureconnect.common.peer.chat;
