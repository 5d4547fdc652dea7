package dev.routerlab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class LabScriptTest {
    static final Path LAB = Path.of("labs/gre-r1-r2-r3");

    static String run(Path lab, String script) throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (Lab l = Lab.boot(lab); PrintStream out = new PrintStream(b, true, StandardCharsets.UTF_8)) {
            new LabScript(l, out).run(script);
        }
        return b.toString(StandardCharsets.UTF_8);
    }

    @Test
    void labsBootWithoutErrors() throws Exception {
        for (String name : List.of("gre-r1-r2-r3", "gre-dual-hub")) {
            try (Lab l = Lab.boot(Path.of("labs", name))) {
                assertEquals(List.of(), l.bootErrors(), name);
            }
        }
    }

    @Test
    void promptsPickRoutersAndModes() throws Exception {
        String t = run(LAB, """
            R1#show running-config | include hostname
            R3(config)#interface Loopback9
            R3(config-if)#description lab test
            R3#show running-config interface Loopback9
            !! wait 2s
            R2>show privilege
            """);
        for (String line : List.of("R1>enable", "R1#show running-config | include hostname", "hostname R1",
                "R3>enable", "R3#configure terminal", "R3(config)#interface Loopback9",
                "R3(config-if)#description lab test", "R3(config-if)#end",
                "*Mar  1 00:00:05.000: %SYS-5-CONFIG_I: Configured from console by console",
                "R3#show running-config interface Loopback9")) {
            assertTrue(t.contains(line + "\n"), line + " in\n" + t);
        }
        assertTrue(t.startsWith("R1>enable\n"), t);
        assertTrue(t.contains(" description lab test\n"), t);
        assertTrue(t.endsWith("""
            !! wait 2s
            R2>show privilege
            Current privilege level is 1
            R2>
            """), t);
    }

    @Test
    void scriptOutputIsDeterministicAndReplays() throws Exception {
        String script = """
            R1#configure terminal
            R1(config)#interface Gi0/1
            R1(config-if)#shutdown
            R1(config-if)#end
            !! wait 30s
            R1#show ip interface brief
            R2#show clock
            """;
        String a = run(LAB, script);
        String b = run(LAB, script);
        assertEquals(a, b);
        assertEquals(List.of(), Replay.runLab(Topology.load(LAB), a));
        String broken = a.replace("administratively down", "up");
        assertTrue(!Replay.runLab(Topology.load(LAB), broken).isEmpty());
    }

    @Test
    void badScriptLinesAreReported() {
        LabScript.ScriptException e = assertThrows(LabScript.ScriptException.class, () -> run(LAB, "R9#show version\n"));
        assertTrue(e.getMessage().contains("line 1: no router named R9"), e.getMessage());
        e = assertThrows(LabScript.ScriptException.class, () -> run(LAB, "show version\n"));
        assertTrue(e.getMessage().contains("line 1: expected HOST#command"), e.getMessage());
    }
}
