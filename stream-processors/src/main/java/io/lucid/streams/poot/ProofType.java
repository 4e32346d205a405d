package io.lucid.streams.poot;

import java.util.Arrays;
import java.util.Optional;

/** The four kinds of task proof, with the names they carry on the wire and in proof ids. */
public enum ProofType {
    RELAY_BANDWIDTH("relay_bandwidth"),
    STORAGE_AVAILABILITY("storage_availability"),
    VALIDATION_SIGNATURE("validation_signature"),
    UPTIME_BEACON("uptime_beacon");

    private final String wireName;

    ProofType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<ProofType> fromWireName(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }
}
