package io.lucid.command.rdp;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The unit-test stand-in for the rdp_port table: hands out {@link RdpFixtures#PORT} unless told to refuse. */
final class InMemoryRdpServerSlots implements RdpServerSlots {

    final List<String> allocated = new ArrayList<>();
    final List<String> released = new ArrayList<>();
    Refusal refuseWith;

    @Override
    public Allocation allocate(String serverId, String owner, Instant now) {
        if (refuseWith != null) {
            return Allocation.refused(refuseWith);
        }
        allocated.add(serverId + "@" + owner);
        return Allocation.granted(RdpFixtures.PORT);
    }

    @Override
    public void release(String serverId, Instant now) {
        released.add(serverId);
    }
}
