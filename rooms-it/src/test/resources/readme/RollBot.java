import io.rooms.client.Room;
import io.rooms.client.RoomsClient;
import java.net.URI;
import java.util.concurrent.ThreadLocalRandom;

/** A bot in room "dice": whoever says "!roll" gets a roll of a die, said to the whole room. */
public class RollBot {
    public static void main(String[] args) throws Exception {
        URI server = URI.create(args.length > 0 ? args[0] : "ws://localhost:7070/ws");
        RoomsClient client = RoomsClient.builder(server).build();
        Room dice = client.room("dice");
        dice.on("talkToRoom", message -> {
            if ("!roll".equals(message.data(String.class))) {
                int roll = ThreadLocalRandom.current().nextInt(1, 7);
                dice.talk(message.from() + " rolled " + roll); // kept until the server acknowledges it
            }
        });
        client.connect().join();
        dice.joined().join();
        System.out.println("rolling dice in room dice as " + client.id());
        Thread.currentThread().join(); // answers until stopped; reconnects and resumes by itself
    }
}
