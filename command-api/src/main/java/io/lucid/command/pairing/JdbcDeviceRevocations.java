package io.lucid.command.pairing;

import io.lucid.command.security.RevokedSubjects;
import jakarta.inject.Singleton;

/** {@link DeviceRevocations} as rows of the shared revocation list: a device's tokens carry its id as subject. */
@Singleton
final class JdbcDeviceRevocations implements DeviceRevocations {

    private final RevokedSubjects revokedSubjects;

    JdbcDeviceRevocations(RevokedSubjects revokedSubjects) {
        this.revokedSubjects = revokedSubjects;
    }

    @Override
    public void revoke(String deviceId) {
        revokedSubjects.revoke(deviceId);
    }
}
