/** storage-service's internal file-sharing endpoints as interfaces both sides compile against. */
package io.secureconnect.common.peer.storage;
