package io.rooms.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.rooms.MemberInfo;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ActivityListTest {
    private final ActivityList list = new ActivityList();

    private Member member(String id) {
        return new Member(null, new MemberInfo(id, id, "#000000"));
    }

    private List<String> order() {
        List<String> ids = new ArrayList<>();
        list.forEach(m -> ids.add(m.info.id()));
        return ids;
    }

    @Test
    void newcomersJoinAtTheBack() {
        list.addLast(member("a"));
        list.addLast(member("b"));
        list.addLast(member("c"));
        assertThat(order()).containsExactly("a", "b", "c");
        assertThat(list.first().info.id()).isEqualTo("a");
    }

    @Test
    void orderFollowsTheLatestSenders() {
        Member a = member("a");
        Member b = member("b");
        Member c = member("c");
        list.addLast(a);
        list.addLast(b);
        list.addLast(c);
        list.moveToFront(c);
        list.moveToFront(b);
        list.moveToFront(c);
        list.moveToFront(c);
        assertThat(order()).containsExactly("c", "b", "a");
    }

    @Test
    void removingFromAnyPlaceKeepsTheRestInOrder() {
        Member a = member("a");
        Member b = member("b");
        Member c = member("c");
        list.addLast(a);
        list.addLast(b);
        list.addLast(c);
        list.remove(b);
        assertThat(order()).containsExactly("a", "c");
        list.remove(a);
        list.remove(c);
        assertThat(order()).isEmpty();
        assertThat(list.size()).isZero();
        assertThat(list.first()).isNull();
    }
}
