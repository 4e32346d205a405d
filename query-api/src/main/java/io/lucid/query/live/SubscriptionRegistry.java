package io.lucid.query.live;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Every live subscription of this instance, by channel name: where a view change finds its subscribers. */
public final class SubscriptionRegistry {

    private final ConcurrentHashMap<String, Set<Subscription>> byChannel = new ConcurrentHashMap<>();

    public void add(Subscription subscription) {
        byChannel.computeIfAbsent(subscription.channel().name(), name -> ConcurrentHashMap.newKeySet())
                .add(subscription);
    }

    public void remove(Subscription subscription) {
        byChannel.computeIfPresent(subscription.channel().name(), (name, subscriptions) -> {
            subscriptions.remove(subscription);
            return subscriptions.isEmpty() ? null : subscriptions;
        });
    }

    public Collection<Subscription> subscribers(String channelName) {
        Set<Subscription> subscriptions = byChannel.get(channelName);
        return subscriptions == null ? List.of() : List.copyOf(subscriptions);
    }

    /** How many subscriptions there are, over every channel (a metric). */
    int size() {
        return byChannel.values().stream().mapToInt(Set::size).sum();
    }

    public boolean hasSubscribers(Collection<String> channelNames) {
        return channelNames.stream().anyMatch(byChannel::containsKey);
    }
}
