package io.secureconnect.chat.keys;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the device and KeyPackage directory ({@code secureconnect.chat.keys.*}).
 *
 * @param lowWatermark          a claim that leaves a device with fewer one-time KeyPackages than this tells its
 *                              owner's sockets ({@code keys.low}) so the device uploads more
 * @param claimsPerHour         claims one user may make of another user's KeyPackages within an hour (S7: a claim
 *                              uses packages up, so a peer could otherwise drain them)
 * @param maxDevicesPerUser     devices a user may have at once: every one is a leaf in each of their groups
 * @param maxKeyPackages        one-time KeyPackages a device may hold
 * @param claimRetention        how long a claim is kept: a commit adding the device must come within this time
 */
@Validated
@ConfigurationProperties("secureconnect.chat.keys")
record KeyDirectoryProperties(
        @DefaultValue("10") @Min(1) int lowWatermark,
        @DefaultValue("30") @Min(1) int claimsPerHour,
        @DefaultValue("50") @Min(1) @Max(1000) int maxDevicesPerUser,
        @DefaultValue("500") @Min(100) int maxKeyPackages,
        @DefaultValue("7d") @NotNull Duration claimRetention) {

    KeyDirectoryProperties {
        if (claimRetention != null && claimRetention.compareTo(Duration.ofHours(1)) < 0) {
            // the claims of the last hour are what the per-pair limit counts
            throw new IllegalArgumentException("secureconnect.chat.keys.claim-retention must be at least an hour");
        }
    }
}
