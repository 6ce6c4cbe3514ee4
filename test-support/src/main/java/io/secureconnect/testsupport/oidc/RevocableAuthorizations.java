package io.secureconnect.testsupport.oidc;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.security.oauth2.server.authorization.InMemoryOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * The provider's authorizations (codes, access and refresh tokens) in memory, remembered per user so a test can
 * revoke everything one user was granted, as an administrator of a real provider would.
 */
final class RevocableAuthorizations implements OAuth2AuthorizationService {

    private final InMemoryOAuth2AuthorizationService store = new InMemoryOAuth2AuthorizationService();
    private final Map<String, Set<String>> idsByUser = new ConcurrentHashMap<>();

    @Override
    public void save(OAuth2Authorization authorization) {
        store.save(authorization);
        idsByUser.computeIfAbsent(authorization.getPrincipalName(), name -> ConcurrentHashMap.newKeySet())
                .add(authorization.getId());
    }

    @Override
    public void remove(OAuth2Authorization authorization) {
        store.remove(authorization);
    }

    @Override
    public OAuth2Authorization findById(String id) {
        return store.findById(id);
    }

    @Override
    public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
        return store.findByToken(token, tokenType);
    }

    void revokeAll(String username) {
        Set<String> ids = idsByUser.getOrDefault(username, Set.of());
        for (String id : ids) {
            OAuth2Authorization authorization = store.findById(id);
            if (authorization != null) {
                store.remove(authorization);
            }
        }
    }
}
