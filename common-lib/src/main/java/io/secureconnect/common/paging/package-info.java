/** Keyset pagination shared by every list API: the opaque cursor and the page of items with the next cursor. */
package io.secureconnect.common.paging;
