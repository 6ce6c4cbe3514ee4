/** What text a service may store and send: the one check behind every field that keeps client text. */
package io.secureconnect.common.text;
