package io.lucid.query.live;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RowVersionFilterTest {

    private final RowVersionFilter filter = new RowVersionFilter();

    @Test
    void aRedeliveredOrOlderChangeOfARowIsRefused() {
        assertThat(filter.admit("node", "a", 1)).isTrue();
        assertThat(filter.admit("node", "a", 2)).isTrue();
        assertThat(filter.admit("node", "a", 2)).isFalse();
        assertThat(filter.admit("node", "a", 1)).isFalse();
        assertThat(filter.admit("node", "a", 3)).isTrue();
    }

    @Test
    void rowsOfOtherIdsAndOtherViewsAreIndependent() {
        assertThat(filter.admit("node", "a", 5)).isTrue();
        assertThat(filter.admit("node", "b", 1)).isTrue();
        assertThat(filter.admit("pool", "a", 1)).isTrue();
        assertThat(filter.size()).isEqualTo(3);
    }
}
