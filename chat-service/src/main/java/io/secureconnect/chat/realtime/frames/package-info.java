/** The server→client frames of {@code /ws/chat} that domain events become, as records (docs/chat-protocol.md). */
package io.secureconnect.chat.realtime.frames;
