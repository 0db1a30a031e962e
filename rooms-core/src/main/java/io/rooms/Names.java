package io.rooms;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Display names and colors for new clients, as the original design gave them: a friendly random
 * name and one of a palette of colors that read well on white. Thread-safe if its generator is.
 */
final class Names {
    private static final List<String> ADJECTIVES = List.of(
            "Amber", "Brave", "Calm", "Daring", "Eager", "Fancy", "Gentle", "Happy", "Jolly", "Kind",
            "Lively", "Merry", "Nimble", "Proud", "Quick", "Swift", "Witty", "Zesty");
    private static final List<String> ANIMALS = List.of(
            "Badger", "Crane", "Dolphin", "Falcon", "Fox", "Gecko", "Heron", "Ibis", "Koala", "Lynx",
            "Marten", "Otter", "Panda", "Quail", "Raven", "Seal", "Tiger", "Wombat");
    private static final List<String> COLORS = List.of(
            "#e6194b", "#3cb44b", "#4363d8", "#f58231", "#911eb4", "#42d4f4", "#f032e6", "#469990",
            "#9a6324", "#800000", "#808000", "#000075");

    private final RandomGenerator random;

    Names(RandomGenerator random) {
        this.random = random;
    }

    String name() {
        return pick(ADJECTIVES) + " " + pick(ANIMALS);
    }

    String color() {
        return pick(COLORS);
    }

    private String pick(List<String> values) {
        return values.get(random.nextInt(values.size()));
    }
}
