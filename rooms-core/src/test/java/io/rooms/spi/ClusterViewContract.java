package io.rooms.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What the core and the HTTP API rely on from every {@link ClusterView}. */
public abstract class ClusterViewContract extends ClusterContract {

    @Test
    void everyNodeSeesEveryNodeAlive() {
        List<Node> nodes = cluster();
        List<ClusterView.Node> expected = nodes.stream().map(node -> new ClusterView.Node(node.view.nodeId(), true)).toList();
        for (Node node : nodes) {
            assertThat(get(node.view.nodes())).as("as %s sees them", node.view.nodeId())
                    .containsExactlyInAnyOrderElementsOf(expected);
        }
    }
}
