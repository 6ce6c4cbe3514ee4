/** The WebSocket client every test speaks to a socket endpoint with. */
package io.secureconnect.testsupport.websocket;
