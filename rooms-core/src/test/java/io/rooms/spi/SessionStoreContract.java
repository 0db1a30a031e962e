package io.rooms.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What the core relies on from every {@link SessionStore}: a session is found on every node. */
public abstract class SessionStoreContract extends ClusterContract {

    @Test
    void aSessionIsKeptUntilItEndsAndThenForTheWindow() {
        List<Node> nodes = cluster();
        MemberInfo member = new MemberInfo(nodes.get(0).view.nodeId() + "-s", "Sam", "#123456", "u-sam");
        Session live = new Session("AAAAAAAAAAAAAAAAAAAAAA", List.of("room", "other"), member, null);
        get(nodes.get(0).sessions.put(live));
        Node other = nodes.get(nodes.size() - 1);
        assertThat(get(other.sessions.find(live.id()))).contains(live);
        Session ended = live.endedAt(java.time.Instant.parse("2026-11-23T12:00:00.123Z"));
        get(nodes.get(0).sessions.put(ended));
        assertThat(get(other.sessions.find(live.id()))).contains(ended);
        assertThat(get(other.sessions.find("BBBBBBBBBBBBBBBBBBBBBB"))).isEmpty();
    }
}
