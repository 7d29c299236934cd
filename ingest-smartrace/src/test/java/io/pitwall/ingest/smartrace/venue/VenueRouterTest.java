package io.pitwall.ingest.smartrace.venue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class VenueRouterTest {

    @Test
    void mainPortServesTheDefaultVenueAtTheRootAndEveryVenueByPath() {
        VenueRouter router = VenueRouter.mainPort("club-a", Set.of("club-a", "club-b"));

        assertThat(router.route("/")).hasValue("club-a");
        assertThat(router.route("")).hasValue("club-a");
        assertThat(router.route("/venues/club-b")).hasValue("club-b");
        assertThat(router.route("/venues/club-b/")).hasValue("club-b");
        assertThat(router.route("/venues/club-c")).isEmpty();
        assertThat(router.route("/venues/")).isEmpty();
        assertThat(router.route("/venues/club-b/x")).isEmpty();
        assertThat(router.route("/other")).isEmpty();
    }

    @Test
    void withoutDefaultVenueTheRootIsRefused() {
        assertThat(VenueRouter.mainPort(null, Set.of("club-b")).route("/")).isEmpty();
    }

    @Test
    void aVenuePortBelongsToItsVenueOnly() {
        VenueRouter router = VenueRouter.venuePort("club-c");

        assertThat(router.route("/")).hasValue("club-c");
        assertThat(router.route("/venues/club-c")).hasValue("club-c");
        assertThat(router.route("/venues/club-a")).isEmpty();
    }
}
