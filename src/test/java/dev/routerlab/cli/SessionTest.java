package dev.routerlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import dev.routerlab.TestRouter;
import org.junit.jupiter.api.Test;

class SessionTest {
    private final TestRouter r = new TestRouter();

    @Test
    void promptsFollowModes() {
        assertEquals("Router#", r.session.prompt());
        r.exec("configure terminal");
        assertEquals("Router(config)#", r.session.prompt());
        r.exec("hostname R1");
        r.exec("interface Tunnel0");
        assertEquals("R1(config-if)#", r.session.prompt());
        r.exec("exit");
        assertEquals("R1(config)#", r.session.prompt());
        r.exec("end");
        assertEquals("R1#", r.session.prompt());
        r.exec("disable");
        assertEquals("R1>", r.session.prompt());
    }

    @Test
    void globalCommandInSubModeFallsThrough() {
        r.execAll("conf t", "interface Loopback0", "ip address 1.1.1.1 255.255.255.255");
        assertEquals("", r.exec("hostname R9"));
        assertEquals("R9(config)#", r.session.prompt());
        r.exec("interface Loopback1");
        assertEquals("R9(config-if)#", r.session.prompt());
    }

    @Test
    void endLogsConfiguredFromConsole() {
        r.exec("conf t");
        String out = r.exec("end");
        assertEquals("*Mar  1 00:00:00.000: %SYS-5-CONFIG_I: Configured from console by console\n", out);
        r.exec("conf t");
        r.endConfigViaCtrlZ();
        assertEquals("Router#", r.session.prompt());
    }

    @Test
    void doRunsExecCommandsInConfigModes() {
        r.execAll("conf t", "interface Loopback0");
        assertEquals("Current privilege level is 15\n", r.exec("do show privilege"));
        assertEquals("Router(config-if)#", r.session.prompt());
    }

    @Test
    void errorsUseIosTexts() {
        assertEquals("               ^\n% Invalid input detected at '^' marker.\n\n", r.exec("show runing"));
        assertEquals("% Incomplete command.\n\n", r.exec("show"));
        assertEquals("% Ambiguous command:  \"sh i\"\n", r.exec("sh i"));
        assertEquals("Translating \"foo\"...domain server (255.255.255.255)\n"
            + "% Unknown command or computer name, or unable to find computer address\n", r.exec("foo"));
        r.execAll("conf t", "no ip domain-lookup", "end");
        assertTrue(r.exec("foo").startsWith("Translating \"foo\"\n"));
        r.exec("disable");
        assertEquals("       ^\n% Invalid input detected at '^' marker.\n\n", r.exec("configure terminal"));
    }

    @Test
    void questionMarkKeepsTypedText() {
        String out = r.exec("terminal ?");
        assertTrue(out.startsWith("  length   Set number of lines on a screen\n"), out);
        assertEquals("terminal ", r.session.pending());
        r.exec("length 0");
        assertEquals(0, r.session.length());
        assertEquals("configure  copy  \n\n", r.exec("co?"));
        assertEquals("% Unrecognized command\n", r.exec("xyz?"));
    }

    @Test
    void helpFallsThroughToGlobalConfigLikeCommandsDo() {
        r.execAll("conf t", "interface Loopback0");
        assertEquals("  WORD  This system's network name\n\n", r.exec("hostname ?"));
        r.session.clearPending();
        assertTrue(r.exec("?").contains("shutdown"), "a blank ? lists the sub-mode's own commands");
    }

    @Test
    void noAndDefaultRestoreDefaults() {
        r.execAll("conf t", "hostname R1", "interface Gi0/1", "description uplink", "no shutdown", "keepalive 5");
        assertTrue(r.running().contains(" description uplink\n no ip address\n keepalive 5\n"), r.running());
        r.execAll("no description", "default keepalive", "shutdown", "exit", "no hostname");
        String run = r.running();
        assertTrue(run.contains("interface GigabitEthernet0/1\n no ip address\n shutdown\n!"), run);
        assertTrue(run.contains("hostname Router\n"), run);
    }

    @Test
    void enableAsksForTheSecret() {
        r.execAll("conf t", "enable secret s3cret", "end", "disable");
        r.answer("wrong").answer("s3cret");
        String out = r.exec("enable");
        assertEquals("Password: \nPassword: \n", out);
        assertEquals("Router#", r.session.prompt());
        r.exec("disable");
        r.answer("a").answer("b").answer("c");
        assertEquals("Password: \nPassword: \nPassword: \n% Bad secrets\n\n", r.exec("enable"));
        assertEquals("Router>", r.session.prompt());
    }

    @Test
    void outputFilters() {
        r.execAll("conf t", "interface Loopback0", "ip address 1.1.1.1 255.255.255.255", "end");
        assertEquals("interface Loopback0\n", r.exec("show running-config | include ^interface Loop"));
        assertEquals("interface Loopback0\n ip address 1.1.1.1 255.255.255.255\n",
            r.exec("show running-config | section Loopback"));
        assertTrue(r.exec("show running-config | begin ^end").equals("end\n"));
        assertTrue(!r.exec("show running-config | exclude interface").contains("interface"));
    }

    @Test
    void historyKeepsTenExecCommands() {
        for (int i = 0; i < 12; i++) r.exec("show clock");
        List<String> h = r.session.history();
        assertEquals(10, h.size());
    }

    @Test
    void pagerStopsEveryScreen() {
        Deque<Integer> keys = new ArrayDeque<>(List.of((int) ' ', (int) 'q'));
        StringBuilder shown = new StringBuilder();
        Terminal tty = new Terminal() {
            @Override public void write(String text) { shown.append(text); }
            @Override public boolean interactive() { return true; }
            @Override public int readKey() { return keys.isEmpty() ? -1 : keys.poll(); }
        };
        r.session.swapTerminal(tty);
        r.session.setLength(10);
        r.session.type("show version");
        String out = shown.toString();
        assertEquals(2, out.split(" --More-- ", -1).length - 1, out);
        assertTrue(out.contains("Cisco IOS Software"));
        assertTrue(!out.contains("Configuration register"), "q stops the output");
    }
}
