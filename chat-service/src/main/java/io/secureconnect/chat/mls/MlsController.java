package io.secureconnect.chat.mls;

import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import io.secureconnect.chat.keys.E2eeApiTag;
import io.secureconnect.common.apidocs.ApiErrors;
import io.secureconnect.common.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

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
@Tag(name = E2eeApiTag.NAME, description = E2eeApiTag.DESCRIPTION)
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

    @Schema(name = "MlsCommitRequest")
    record CommitRequest(
            @Schema(example = "b6f1c2d4-3e5a-4f70-9a8b-1c2d3e4f5a6b", description = "The committing device, one of "
                    + "the caller's; the commit is sent from its leaf")
            @NotNull @Pattern(regexp = DEVICE) String deviceId,
            @Schema(example = "AAEAARABk6XCax59So88Lpt6HUxQ...",
                    description = "Base64 `MLSMessage`: a `PublicMessage` commit of this conversation's group at its "
                            + "current epoch, with Add and Remove proposals by value")
            @NotNull String commit,
            @Schema(example = "AAEAAwAB...", description = "Base64 `MLSMessage` Welcome for the devices the commit "
                    + "adds; required with Adds, refused without")
            String welcome,
            @Schema(description = "Base64 ratchet tree for the added devices, when the Welcome does not carry it")
            String ratchetTree) {
    }

    /** The Welcomes waiting for a device. */
    @Schema(name = "WelcomeList")
    record WelcomeList(List<Welcome> welcomes) {
    }

    @Operation(operationId = "getMlsGroup", summary = "Get a conversation's MLS group",
            description = "Its epoch, who sits at each leaf, the devices still to add (`pendingDevices`) and the "
                    + "leaves to remove (`staleLeaves`): what a client reconciles before it encrypts. Epoch 0 with no "
                    + "leaves: the group does not exist yet. `NOT_E2EE`: the conversation is not end-to-end encrypted.")
    @ApiErrors({"CONVERSATION_NOT_FOUND", "NOT_E2EE"})
    @GetMapping("/api/v1/conversations/{conversationId}/mls")
    GroupView group(@PathVariable UUID conversationId, Caller caller) {
        return groups.view(caller, conversationId);
    }

    /** 201 with the group's new epoch and the stored {@code mls_commit} message. */
    @Operation(operationId = "commitMlsGroup", summary = "Commit to a conversation's MLS group",
            description = "Accepted only for the group's current epoch; of concurrent commits on one epoch exactly "
                    + "one wins, the others get `STALE_EPOCH` with the current `epoch` in the problem (apply the "
                    + "commits you missed and commit again). The first commit (epoch 0) creates the group. Adds "
                    + "must carry KeyPackages claimed for this conversation, of current devices of members without "
                    + "a block (`USER_BLOCKED`; auth-service is asked, `PEER_UNAVAILABLE` without its answer); "
                    + "Removes only stale leaves or the caller's own devices. Anything else the commit asks of the "
                    + "group is `MEMBERSHIP_MISMATCH`; a blob that is not such a commit, `INVALID_MLS_MESSAGE`; a "
                    + "`deviceId` that is not the caller's, `DEVICE_NOT_FOUND`. The accepted commit is stored as an "
                    + "`mls_commit` message with the next `seq`, and each added device gets a Welcome.")
    @ApiErrors({"CONVERSATION_NOT_FOUND", "NOT_E2EE", "EMAIL_NOT_VERIFIED", "DEVICE_NOT_FOUND", "INVALID_MLS_MESSAGE",
            "MEMBERSHIP_MISMATCH", "USER_BLOCKED", "STALE_EPOCH", "PEER_UNAVAILABLE"})
    @PostMapping("/api/v1/conversations/{conversationId}/mls/commits")
    @ResponseStatus(HttpStatus.CREATED)
    AcceptingCommit.Accepted commit(@PathVariable UUID conversationId, @Valid @RequestBody CommitRequest request,
                                    Caller caller) {
        return commits.accept(caller, conversationId,
                new CommitCommand(request.deviceId(), request.commit(), request.welcome(), request.ratchetTree()));
    }

    @Operation(operationId = "listWelcomes", summary = "List the Welcomes waiting for your device",
            description = "The Welcomes of groups the device was added to, oldest first (at most 100), also sent "
                    + "live as `mls.welcome`. Delete each once processed.")
    @ApiErrors("DEVICE_NOT_FOUND")
    @GetMapping("/api/v1/keys/devices/{deviceId}/welcomes")
    WelcomeList welcomes(@Parameter(example = "b6f1c2d4-3e5a-4f70-9a8b-1c2d3e4f5a6b")
                         @PathVariable @Pattern(regexp = DEVICE) String deviceId, Caller caller) {
        return new WelcomeList(welcomes.waiting(caller, deviceId));
    }

    @Operation(operationId = "deleteWelcome", summary = "Delete a Welcome your device processed",
            description = "Deleting one that is gone already is not an error (a retry).")
    @ApiErrors("DEVICE_NOT_FOUND")
    @DeleteMapping("/api/v1/keys/devices/{deviceId}/welcomes/{welcomeId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void processed(@Parameter(example = "b6f1c2d4-3e5a-4f70-9a8b-1c2d3e4f5a6b")
                   @PathVariable @Pattern(regexp = DEVICE) String deviceId, @PathVariable UUID welcomeId,
                   Caller caller) {
        welcomes.processed(caller, deviceId, welcomeId);
    }
}
