package dev.routerlab.lab;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node with an ssh-port gets an SSH server (through SshHook), and the lab runs live. */
class LabSshTest {
    @TempDir Path dir;

    @Test
    void sshPortStartsAServer() throws Exception {
        Assumptions.assumeTrue(SshHook.available(), "no SSH service in this build");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Files.writeString(dir.resolve("R1.cfg"), """
            hostname R1
            ip domain-name lab.example
            crypto key generate rsa modulus 2048
            username admin privilege 15 secret cisco
            line vty 0 4
             login local
             transport input ssh
            """);
        Files.writeString(dir.resolve("topology.clab.yml"), """
            name: ssh
            topology:
              nodes:
                R1:
                  startup-config: R1.cfg
                  ssh-port: %d
            """.formatted(port));
        try (Lab lab = Lab.boot(Topology.load(dir), new Lab.Options())) {
            assertTrue(lab.paced(), "an SSH port makes the lab live");
            try (Socket c = new Socket("127.0.0.1", port)) {
                c.setSoTimeout(5000);
                InputStream in = c.getInputStream();
                byte[] b = new byte[8];
                int n = in.readNBytes(b, 0, 8);
                assertTrue(new String(b, 0, n, StandardCharsets.US_ASCII).startsWith("SSH-2.0"));
            }
        }
        try (ServerSocket s = new ServerSocket(port)) {
            assertTrue(s.isBound(), "closing the lab stops its SSH server");
        }
    }
}
