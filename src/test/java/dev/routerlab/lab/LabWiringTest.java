package dev.routerlab.lab;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.routerlab.TestRouter;
import dev.routerlab.config.InterfaceName;
import dev.routerlab.link.Link;
import dev.routerlab.link.LinkReceiver;
import org.junit.jupiter.api.Test;

/** A TUN bound through the lab's capture tap still shows its input queue and its drops. */
class LabWiringTest {
    @Test
    void theCaptureTapPassesTheInputQueueThrough() {
        TestRouter r = new TestRouter();
        r.execAll("conf t", "interface GigabitEthernet0/1", "ip address 10.0.0.1 255.255.255.0", "no shutdown", "end");
        Link tun = new Link() {
            @Override public void transmit(byte[] data, int off, int len) { }
            @Override public boolean ethernet() { return false; }
            @Override public int inputQueueSize() { return 75; }
        };
        LinkReceiver rx = LabWiring.bind(r.router, InterfaceName.parse("GigabitEthernet0/1"), tun);
        rx.inputQueueDrops(925);
        String show = r.exec("show interfaces GigabitEthernet0/1");
        assertTrue(show.contains("  Input queue: 75/75/925/0 (size/max/drops/flushes)"), show);
    }
}
