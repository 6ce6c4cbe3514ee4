package io.secureconnect.chat.mls;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import io.secureconnect.common.security.Caller;

import org.springframework.http.HttpStatus;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The MLS Delivery Service's group API (docs/e2ee.md, "Groups"): an e2ee conversation's group, commits to it, and
 * the Welcomes waiting for a device. The Welcome paths sit under {@code /api/v1/keys/devices} with the device they
 * belong to. The MLS messages travel as standard base64.
 */
@RestController
@Validated
class MlsController {

    private static final String DEVICE = "[A-Za-z0-9._:-]{1,64}";

    private final MlsGroups groups;
    private final AcceptingCommit commits;
    private final Welcomes welcomes;

    MlsController(MlsGroups groups, AcceptingCommit commits, Welcomes welcomes) {
        this.groups = groups;
        this.commits = commits;
        this.welcomes = welcomes;
    }

    record CommitRequest(@NotNull @Pattern(regexp = DEVICE) String deviceId, @NotNull String commit, String welcome,
                         String ratchetTree) {
    }

    @GetMapping("/api/v1/conversations/{conversationId}/mls")
    GroupView group(@PathVariable UUID conversationId, Caller caller) {
        return groups.view(caller, conversationId);
    }

    /** 201 with the group's new epoch and the stored {@code mls_commit} message. */
    @PostMapping("/api/v1/conversations/{conversationId}/mls/commits")
    @ResponseStatus(HttpStatus.CREATED)
    AcceptingCommit.Accepted commit(@PathVariable UUID conversationId, @Valid @RequestBody CommitRequest request,
                                    Caller caller) {
        return commits.accept(caller, conversationId,
                new CommitCommand(request.deviceId(), request.commit(), request.welcome(), request.ratchetTree()));
    }

    @GetMapping("/api/v1/keys/devices/{deviceId}/welcomes")
    Map<String, List<Welcome>> welcomes(@PathVariable @Pattern(regexp = DEVICE) String deviceId, Caller caller) {
        return Map.of("welcomes", welcomes.waiting(caller, deviceId));
    }

    @DeleteMapping("/api/v1/keys/devices/{deviceId}/welcomes/{welcomeId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void processed(@PathVariable @Pattern(regexp = DEVICE) String deviceId, @PathVariable UUID welcomeId,
                   Caller caller) {
        welcomes.processed(caller, deviceId, welcomeId);
    }
}
