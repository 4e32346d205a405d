package io.lucid.command.pairing;

import io.lucid.kit.problem.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/** The field rules of the pairing commands (DOMAIN.md section 1), each broken rule one {@link FieldError}. */
final class PairingRules {

    static final int MIN_EXPIRY_SECONDS = 60;
    static final int MAX_EXPIRY_SECONDS = 900;
    static final Set<String> PLATFORMS = Set.of("ios", "android", "web", "desktop");
    private static final Pattern DEVICE_NAME = Pattern.compile("^[a-zA-Z0-9 _-]{1,50}$");
    private static final Pattern SHA256_HEX = Pattern.compile("^[0-9a-f]{64}$");
    static final int MAX_TOKEN_LENGTH = 256;
    static final int MAX_REASON_LENGTH = 500;

    private PairingRules() {
    }

    static List<FieldError> startViolations(StartPairingCommand command, int expirySeconds) {
        List<FieldError> errors = new ArrayList<>();
        if (!isUuid(command.pairingId())) {
            errors.add(new FieldError("pairing_id", "invalid_uuid", "pairing_id must be a UUID"));
        }
        if (command.startedAt() == null) {
            errors.add(new FieldError("started_at", "required", "started_at is required"));
        }
        if (command.websocketUrl() == null || command.websocketUrl().isBlank()) {
            errors.add(new FieldError("websocket_url", "required", "websocket_url is required"));
        }
        if (command.tempTokenSha256() == null || !SHA256_HEX.matcher(command.tempTokenSha256()).matches()) {
            errors.add(new FieldError("temp_token_sha256", "invalid_hash", "temp_token_sha256 must be 64 lower-case hex digits"));
        }
        if (expirySeconds < MIN_EXPIRY_SECONDS || expirySeconds > MAX_EXPIRY_SECONDS) {
            errors.add(new FieldError("expiry_seconds", "out_of_range",
                    "expiry_seconds must be between " + MIN_EXPIRY_SECONDS + " and " + MAX_EXPIRY_SECONDS));
        }
        return errors;
    }

    static List<FieldError> completeViolations(CompletePairingCommand command) {
        List<FieldError> errors = new ArrayList<>();
        if (command.tempToken() == null || command.tempToken().isEmpty()) {
            errors.add(new FieldError("temp_token", "required", "temp_token is required"));
        } else if (command.tempToken().length() > MAX_TOKEN_LENGTH) {
            errors.add(new FieldError("temp_token", "too_long", "temp_token is at most " + MAX_TOKEN_LENGTH + " characters"));
        }
        if (command.name() == null) {
            errors.add(new FieldError("device_info.name", "required", "device_info.name is required"));
        } else if (!DEVICE_NAME.matcher(command.name()).matches()) {
            errors.add(new FieldError("device_info.name", "invalid_format",
                    "device_info.name must be 1-50 letters, digits, spaces, '_' or '-'"));
        }
        if (command.platform() == null) {
            errors.add(new FieldError("device_info.platform", "required", "device_info.platform is required"));
        } else if (!PLATFORMS.contains(command.platform())) {
            errors.add(new FieldError("device_info.platform", "unknown_value",
                    "device_info.platform must be one of ios, android, web, desktop"));
        }
        return errors;
    }

    static boolean isUuid(String value) {
        if (value == null || value.length() != 36) {
            return false;
        }
        try {
            return UUID.fromString(value).toString().equals(value.toLowerCase());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
