package io.secureconnect.auth.admin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.secureconnect.common.paging.Page;

import org.springframework.stereotype.Service;

/** What administrators see of the accounts: figures by status and the searchable, sortable user list. */
@Service
class UserAdministration {

    private final AdminUserRepository users;

    UserAdministration(AdminUserRepository users) {
        this.users = users;
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
        return users.list(search, status, sort, descending, cursor, limit);
    }
}
