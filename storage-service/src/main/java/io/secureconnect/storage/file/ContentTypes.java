package io.secureconnect.storage.file;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import io.secureconnect.common.web.ApiException;
import io.secureconnect.storage.StorageErrorCode;
import io.secureconnect.storage.StorageProperties;

import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * The configurable allow-list of content types. A declared type is reduced to {@code type/subtype} (parameters
 * dropped), so what is stored and later sent back as Content-Type is always one of the listed values.
 */
@Component
class ContentTypes {

    private final Set<String> allowed;

    ContentTypes(StorageProperties properties) {
        this.allowed = properties.allowedContentTypes().stream().map(type -> type.strip().toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    String requireAllowed(String declared) {
        String type;
        try {
            MediaType media = MediaType.parseMediaType(declared);
            type = (media.getType() + "/" + media.getSubtype()).toLowerCase(Locale.ROOT);
        } catch (InvalidMediaTypeException e) {
            type = null;
        }
        if (type == null || !allowed.contains(type)) {
            throw new ApiException(StorageErrorCode.CONTENT_TYPE_NOT_ALLOWED,
                    "This content type is not accepted; use application/octet-stream for other files.");
        }
        return type;
    }
}
