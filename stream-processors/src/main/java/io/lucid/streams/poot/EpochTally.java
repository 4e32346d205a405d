package io.lucid.streams.poot;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The closing tally of an epoch: every node with proofs in the epoch's window and its final numbers, the eligible
 * ones ranked by live_score descending, ties by node id ascending (rank 1 is best). Ineligible nodes follow,
 * unranked, by node id. A pure function of the window sums.
 */
public record EpochTally(long epoch, List<Entry> entries) {

    /** A node's final numbers for the epoch; {@code rank} is 0 for an ineligible node. */
    public record Entry(String nodeId, WindowScore score, int rank) {
    }

    /** Best first; among equal live scores the lower node id wins. */
    public static final Comparator<Map.Entry<String, WindowScore>> RANKING =
            Comparator.<Map.Entry<String, WindowScore>, LiveScore>comparing(e -> e.getValue().liveScore())
                    .reversed()
                    .thenComparing(Map.Entry::getKey);

    public EpochTally {
        entries = List.copyOf(entries);
    }

    /** Tallies the epoch from each node's sums over its window (nodes with nothing in the window may be absent). */
    public static EpochTally of(long epoch, Map<String, ProofCredits> windowSums, long windowSeconds) {
        List<Map.Entry<String, WindowScore>> eligible = new ArrayList<>();
        List<Map.Entry<String, WindowScore>> ineligible = new ArrayList<>();
        windowSums.forEach((node, sum) -> {
            WindowScore score = WindowScore.of(epoch, sum, windowSeconds);
            (score.eligible() ? eligible : ineligible).add(Map.entry(node, score));
        });
        eligible.sort(RANKING);
        ineligible.sort(Map.Entry.comparingByKey());
        List<Entry> entries = new ArrayList<>(windowSums.size());
        for (int i = 0; i < eligible.size(); i++) {
            entries.add(new Entry(eligible.get(i).getKey(), eligible.get(i).getValue(), i + 1));
        }
        ineligible.forEach(e -> entries.add(new Entry(e.getKey(), e.getValue(), 0)));
        return new EpochTally(epoch, entries);
    }

    public List<Entry> ranked() {
        return entries.stream().filter(e -> e.rank() > 0).toList();
    }
}
