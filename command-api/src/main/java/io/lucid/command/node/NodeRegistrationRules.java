package io.lucid.command.node;

import io.lucid.kit.problem.FieldError;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The field rules of RegisterNode (DOMAIN.md section 4), checked all at once so a client learns every
 * problem of its request in one answer. Uniqueness is not a field rule: the aggregate checks it.
 */
public final class NodeRegistrationRules {

    static final long GIB = 1L << 30;
    static final long TIB = 1L << 40;

    private static final Pattern NODE_ID = Pattern.compile("^node_[a-zA-Z0-9_-]+$");
    private static final List<String> RESERVED_PREFIXES = List.of("node_system_", "node_admin_", "node_test_");
    private static final Pattern NAME = Pattern.compile("^[a-zA-Z0-9_-]+$");
    private static final Set<String> NODE_TYPES = Set.of("worker", "validator", "storage", "compute");
    private static final Set<String> STORAGE_TYPES = Set.of("SSD", "HDD", "NVMe");
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    private static final int MAX_TEXT = 100;

    private NodeRegistrationRules() {
    }

    /** Whether {@code value} has the shape of a node id (pattern and length); says nothing about reserved prefixes. */
    public static boolean isNodeId(String value) {
        return value != null && value.length() >= 8 && value.length() <= 64 && NODE_ID.matcher(value).matches();
    }

    static List<FieldError> violations(RegisterNodeCommand command) {
        List<FieldError> errors = new ArrayList<>();
        checkNodeId(command.nodeId(), errors);
        checkName(command.name(), errors);
        if (required("node_type", command.nodeType(), errors) && !NODE_TYPES.contains(command.nodeType())) {
            errors.add(new FieldError("node_type", "unknown_value", "node_type must be one of worker, validator, storage, compute"));
        }
        errors.addAll(hardwareViolations("hardware", command.hardware()));
        checkLocation(command.location(), errors);
        if (required("wallet_address", command.walletAddress(), errors) && !TronAddress.isValid(command.walletAddress())) {
            errors.add(new FieldError("wallet_address", "invalid_tron_address",
                    "wallet_address must be a TRON address: 34 base58 characters starting with T, with a valid checksum"));
        }
        if (required("public_key", command.publicKey(), errors) && !isEd25519PublicKey(command.publicKey())) {
            errors.add(new FieldError("public_key", "invalid_public_key", "public_key must be the base64 of a 32-byte Ed25519 public key"));
        }
        return errors;
    }

    private static void checkNodeId(String nodeId, List<FieldError> errors) {
        if (!required("node_id", nodeId, errors)) {
            return;
        }
        if (nodeId.length() < 8 || nodeId.length() > 64) {
            errors.add(new FieldError("node_id", "invalid_length", "node_id must be 8-64 characters long"));
        } else if (!NODE_ID.matcher(nodeId).matches()) {
            errors.add(new FieldError("node_id", "invalid_format", "node_id must match ^node_[a-zA-Z0-9_-]+$"));
        } else if (RESERVED_PREFIXES.stream().anyMatch(nodeId::startsWith)) {
            errors.add(new FieldError("node_id", "reserved_prefix", "node_id must not start with node_system_, node_admin_ or node_test_"));
        }
    }

    private static void checkName(String name, List<FieldError> errors) {
        if (!required("name", name, errors)) {
            return;
        }
        if (name.length() < 3 || name.length() > 100) {
            errors.add(new FieldError("name", "invalid_length", "name must be 3-100 characters long"));
        } else if (!NAME.matcher(name).matches()) {
            errors.add(new FieldError("name", "invalid_format", "name may contain only letters, digits, '_' and '-'"));
        }
    }

    /**
     * The hardware rules (bounds, storage type, GPU model length), shared by registration and UpdateHardware so both
     * enforce the same bounds. {@code path} is where the hardware sits in the request body ({@code hardware} in
     * RegisterNode; empty when the body is the hardware itself), so field errors name the client's JSON path.
     */
    static List<FieldError> hardwareViolations(String path, RegisterNodeCommand.Hardware hardware) {
        List<FieldError> errors = new ArrayList<>();
        if (!required(path.isEmpty() ? "body" : path, hardware, errors)) {
            return errors;
        }
        String prefix = path.isEmpty() ? "" : path + ".";
        range(prefix + "cpu_cores", hardware.cpuCores(), 1, 128, "1-128 cores", errors);
        range(prefix + "memory_bytes", hardware.memoryBytes(), 2 * GIB, TIB, "2 GiB to 1 TiB", errors);
        range(prefix + "storage_bytes", hardware.storageBytes(), 20 * GIB, 100 * TIB, "20 GiB to 100 TiB", errors);
        range(prefix + "network_mbps", hardware.networkMbps(), 10, 100_000, "10-100000 Mbps", errors);
        if (required(prefix + "storage_type", hardware.storageType(), errors) && !STORAGE_TYPES.contains(hardware.storageType())) {
            errors.add(new FieldError(prefix + "storage_type", "unknown_value", "storage_type must be one of SSD, HDD, NVMe"));
        }
        maxLength(prefix + "gpu_model", hardware.gpuModel(), errors);
        return errors;
    }

    private static void checkLocation(RegisterNodeCommand.Location location, List<FieldError> errors) {
        if (!required("location", location, errors)) {
            return;
        }
        if (required("location.country", location.country(), errors) && !COUNTRIES.contains(location.country())) {
            errors.add(new FieldError("location.country", "unknown_value", "country must be an ISO 3166-1 alpha-2 code in upper case, e.g. DE"));
        }
        maxLength("location.region", location.region(), errors);
    }

    private static boolean isEd25519PublicKey(String base64) {
        try {
            return Base64.getDecoder().decode(base64).length == 32;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean required(String field, Object value, List<FieldError> errors) {
        if (value == null || value instanceof String s && s.isBlank()) {
            errors.add(new FieldError(field, "required", field + " is required"));
            return false;
        }
        return true;
    }

    private static void range(String field, Number value, long min, long max, String bounds, List<FieldError> errors) {
        if (required(field, value, errors) && (value.longValue() < min || value.longValue() > max)) {
            errors.add(new FieldError(field, "out_of_range", field + " must be within " + bounds));
        }
    }

    private static void maxLength(String field, String value, List<FieldError> errors) {
        if (value != null && value.length() > MAX_TEXT) {
            errors.add(new FieldError(field, "too_long", field + " must be at most " + MAX_TEXT + " characters"));
        } else if (!FreeText.isClean(value)) {
            errors.add(new FieldError(field, "invalid_characters", field + " must not contain control characters"));
        }
    }
}
