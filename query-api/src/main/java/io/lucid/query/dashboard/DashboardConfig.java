package io.lucid.query.dashboard;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

/**
 * What the dashboard page needs besides the public APIs: where command-api is, the PoOT time base (so the page
 * can show the current slot and epoch without a clock of the server), and, on a development stack for a loopback
 * caller only, a token to prefill.
 */
@Serdeable(naming = SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DashboardConfig(String commandApiUrl, TimeBase poot, @Nullable String token) {

    /** The PoOT time base as the command side and the stream processors read it. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record TimeBase(String genesis, long slotSeconds, int slotsPerEpoch) {
    }
}
