package io.lucid.command.pairing;

/** Makes a device's tokens invalid on both APIs; called in the transaction that records {@code DeviceRevoked}. */
public interface DeviceRevocations {

    void revoke(String deviceId);
}
