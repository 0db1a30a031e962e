package io.rooms;

import static org.assertj.core.api.Assertions.assertThat;

import io.rooms.spi.MemberInfo;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ActivityListTest {
    private final ActivityList<MemberInfo> list = new ActivityList<>();

    private ActivityList.Entry<MemberInfo> member(String id) {
        return list.addLast(new MemberInfo(id, id, "#000000"));
    }

    private List<String> order() {
        List<String> ids = new ArrayList<>();
        list.forEach(m -> ids.add(m.id()));
        return ids;
    }

    @Test
    void newcomersJoinAtTheBack() {
        member("a");
        member("b");
        member("c");
        assertThat(order()).containsExactly("a", "b", "c");
        assertThat(list.first().id()).isEqualTo("a");
    }

    @Test
    void orderFollowsTheLatestSenders() {
        ActivityList.Entry<MemberInfo> a = member("a");
        ActivityList.Entry<MemberInfo> b = member("b");
        ActivityList.Entry<MemberInfo> c = member("c");
        list.moveToFront(c);
        list.moveToFront(b);
        list.moveToFront(c);
        list.moveToFront(c);
        assertThat(order()).containsExactly("c", "b", "a");
    }

    @Test
    void removingFromAnyPlaceKeepsTheRestInOrder() {
        ActivityList.Entry<MemberInfo> a = member("a");
        ActivityList.Entry<MemberInfo> b = member("b");
        ActivityList.Entry<MemberInfo> c = member("c");
        list.remove(b);
        assertThat(order()).containsExactly("a", "c");
        list.remove(a);
        list.remove(c);
        assertThat(order()).isEmpty();
        assertThat(list.size()).isZero();
        assertThat(list.first()).isNull();
    }
}
