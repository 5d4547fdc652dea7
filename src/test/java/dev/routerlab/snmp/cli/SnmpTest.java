package dev.routerlab.snmp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.routerlab.TestRouter;
import org.junit.jupiter.api.Test;

/** `snmp-server` groups, communities and SNMPv3 users: the running-config, `show snmp user`, private NVRAM. */
class SnmpTest {
    @Test
    void usersAreShownBySnmpUserAndKeptInPrivateNvram() {
        TestRouter r = new TestRouter();
        r.execAll("configure terminal",
            "snmp-server group NMS v3 priv read V1 access 10",
            "snmp-server community public RO 10",
            "snmp-server community private RW",
            "snmp-server user alice NMS v3 auth sha AuthPass1 priv aes 128 PrivPass1",
            "snmp-server user bob NMS v3 auth md5 AuthPass2 access 10",
            "snmp-server location Lab rack 3",
            "snmp-server contact noc@example.net",
            "end");
        String run = r.exec("show running-config | include snmp");
        assertEquals("""
            snmp-server group NMS v3 priv read V1 access 10
            snmp-server community public RO 10
            snmp-server community private RW
            snmp-server location Lab rack 3
            snmp-server contact noc@example.net
            """, run, "users are not in the running-config, as IOS");
        String engine = SnmpCommands.engineId(r.router);
        assertTrue(engine.matches("800000090300[0-9A-F]{12}"), engine);
        String users = """

            User name: alice
            Engine ID: %s
            storage-type: nonvolatile        active
            Authentication Protocol: SHA
            Privacy Protocol: AES128
            Group-name: NMS

            User name: bob
            Engine ID: %s
            storage-type: nonvolatile        active access-list: 10
            Authentication Protocol: MD5
            Privacy Protocol: None
            Group-name: NMS
            """.formatted(engine, engine);
        assertEquals(users, r.exec("show snmp user"));
        r.exec("configure terminal");
        r.exec("snmp-server user alice NMS v3 auth sha AuthPass1 priv aes 100 PrivPass1");
        r.exec("end");
        assertTrue(r.exec("show snmp user").contains("Privacy Protocol: AES128"), "an AES size other than 128/192/256 is refused");

        r.exec("write memory");
        r.answer("");
        r.exec("reload");
        r.exec("enable");
        assertEquals(users, r.exec("show snmp user"), "saved in private NVRAM with the configuration");
        r.execAll("configure terminal", "no snmp-server user bob NMS v3", "end");
        assertFalse(r.exec("show snmp user").contains("bob"));
    }
}
