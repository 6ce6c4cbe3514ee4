/**
 * The MLS Delivery Service's groups (docs/e2ee.md, "Groups"): each e2ee conversation's group epoch and leaves,
 * accepting commits in order, Welcomes for added devices, and the rule that application messages are MLS
 * ciphertext of the group with no stale leaf.
 */
package io.secureconnect.chat.mls;
