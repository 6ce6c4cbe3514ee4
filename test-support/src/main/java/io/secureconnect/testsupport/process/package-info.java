/** Servers a test starts as processes of their own (service jars, Prometheus, ...): start, ready, stop, kill, restart. */
package io.secureconnect.testsupport.process;
