package io.secureconnect.auth.admin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.secureconnect.auth.mfa.SecondFactors;
import io.secureconnect.auth.user.ExternalIdentities;
import io.secureconnect.common.paging.Page;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/** What administrators see of the accounts: figures by status and the searchable, sortable user list. */
@Service
class UserAdministration {

    private final AdminUserRepository users;
    private final SecondFactors factors;
    private final ObjectProvider<ExternalIdentities> identities;

    UserAdministration(AdminUserRepository users, SecondFactors factors, ObjectProvider<ExternalIdentities> identities) {
        this.users = users;
        this.factors = factors;
        this.identities = identities;
    }

    /** Figures other services own (messages, calls, storage) are listed as not available rather than guessed. */
    Map<String, Object> stats() {
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("usersByStatus", users.countByStatus());
        stats.put("activeSessions", users.activeSessions());
        stats.put("notAvailable", List.of("messagesPerDay", "callsPerDay", "storageUsedBytes"));
        return stats;
    }

    Page<AdminUserView> list(String search, UserStatus status, UserListSort sort,
                                                 boolean descending, String cursor, int limit) {
        ExternalIdentities sso = identities.getIfAvailable();
        return users.list(search, status, sort, descending, cursor, limit).map(view -> view.withSignIn(
                new AdminUserView.SignIn(view.signIn().password(), factors.countFor(view.id(), "totp") > 0,
                        factors.countFor(view.id(), "passkey"),
                        sso == null ? List.of() : List.copyOf(sso.providersOf(view.id())))));
    }
}
