package dev.routerlab.cli;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import java.util.List;
import java.util.SplittableRandom;
import dev.routerlab.TestRouter;
import org.junit.jupiter.api.Test;

/** Bad input never stops the router: random and mutated lines in every mode never throw. */
class CliFuzzTest {
    private static final List<String> SEEDS = List.of(
        "show running-config | include x", "interface Tunnel0", "ip address 10.0.0.1 255.255.255.0",
        "tunnel source GigabitEthernet0/0", "crypto isakmp policy 10", "crypto map M 10 ipsec-isakmp",
        "ip nhrp nhs 10.0.0.1 nbma 1.1.1.1 multicast", "access-list 101 permit ip any host 1.1.1.1",
        "router ospf 1", "network 10.0.0.0 0.0.0.255 area 0", "line vty 0 4", "banner motd #x#",
        "username u privilege 15 secret s", "do show ip interface brief", "no ip domain lookup", "exit", "end",
        "sh ip int br ?", "int g0/0", "terminal length 0", "copy run start");
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789 ./-?|^#$*()[]\t";

    @Test
    void randomAndMutatedLinesNeverThrow() {
        SplittableRandom rnd = new SplittableRandom(42);
        TestRouter r = new TestRouter();
        for (int i = 0; i < 20_000; i++) {
            String line = rnd.nextInt(4) == 0 ? random(rnd) : mutate(SEEDS.get(rnd.nextInt(SEEDS.size())), rnd);
            if (line.contains("reload") || line.startsWith("exit") || line.startsWith("logout")) continue;
            for (int k = 0; k < 3; k++) r.answer("");
            String l = line;
            assertDoesNotThrow(() -> r.exec(l), () -> "line: " + l + " in " + r.session.mode());
            if (r.session.mode() == Mode.USER_EXEC) r.exec("enable");
            if (i % 500 == 0) r.exec("configure terminal");
            r.session.clearPending();
        }
    }

    private static String random(SplittableRandom rnd) {
        StringBuilder sb = new StringBuilder();
        int n = rnd.nextInt(40);
        for (int i = 0; i < n; i++) sb.append(ALPHABET.charAt(rnd.nextInt(ALPHABET.length())));
        return sb.toString();
    }

    private static String mutate(String s, SplittableRandom rnd) {
        StringBuilder sb = new StringBuilder(s);
        int edits = 1 + rnd.nextInt(4);
        for (int e = 0; e < edits && sb.length() > 0; e++) {
            int at = rnd.nextInt(sb.length());
            switch (rnd.nextInt(4)) {
                case 0 -> sb.deleteCharAt(at);
                case 1 -> sb.insert(at, ALPHABET.charAt(rnd.nextInt(ALPHABET.length())));
                case 2 -> sb.setLength(at);
                default -> sb.setCharAt(at, ALPHABET.charAt(rnd.nextInt(ALPHABET.length())));
            }
        }
        return sb.toString();
    }
}
