/** A real MLS client (ts-mls under Node) for tests of the Delivery Service: devices, key packages, groups, messages. */
package io.secureconnect.testsupport.mls;
