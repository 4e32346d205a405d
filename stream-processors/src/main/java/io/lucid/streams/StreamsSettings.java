package io.lucid.streams;

import io.lucid.streams.liveness.LivenessSettings;
import io.lucid.streams.pool.PoolSettings;
import io.lucid.streams.poot.PootSettings;
import io.lucid.streams.reward.RewardSettings;

/**
 * The domain settings the topologies are built with: PoOT time base, reward and payout rules, pool sizing and
 * liveness timeouts. Defaults are DOMAIN.md's; {@link StreamProcessorsConfig} reads overrides from the environment.
 */
public record StreamsSettings(PootSettings poot, RewardSettings rewards, PoolSettings pools, LivenessSettings liveness) {

    public static StreamsSettings defaults() {
        return new StreamsSettings(PootSettings.defaults(), RewardSettings.defaults(), PoolSettings.defaults(),
                LivenessSettings.defaults());
    }

    public StreamsSettings withPoot(PootSettings p) {
        return new StreamsSettings(p, rewards, pools, liveness);
    }

    public StreamsSettings withRewards(RewardSettings r) {
        return new StreamsSettings(poot, r, pools, liveness);
    }

    public StreamsSettings withPools(PoolSettings p) {
        return new StreamsSettings(poot, rewards, p, liveness);
    }

    public StreamsSettings withLiveness(LivenessSettings l) {
        return new StreamsSettings(poot, rewards, pools, l);
    }
}
