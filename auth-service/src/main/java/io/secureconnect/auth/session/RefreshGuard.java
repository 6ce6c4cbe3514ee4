package io.secureconnect.auth.session;

/**
 * A say in refreshing a session, heard by {@link Sessions#refresh} after the refresh token proved to be the session's
 * live one and before it is rotated (outside the rotation's transaction, so a guard may call out, e.g. to an identity
 * provider). Throwing an {@link io.secureconnect.common.web.ApiException} refuses the refresh; a guard that ends the
 * session ends it itself ({@link Sessions#end}).
 */
public interface RefreshGuard {

    void beforeRefresh(Session session);
}
