package dev.routerlab.ike;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** An IkeListener that records every event; datagrams go to a sink. */
final class Recorder implements IkeListener {
    final List<ChildSa> up = new ArrayList<>();
    final List<ChildSa> down = new ArrayList<>();
    final List<String> downReasons = new ArrayList<>();
    final List<IsakmpSaInfo> p1Up = new ArrayList<>();
    final List<IsakmpSaInfo> p1Down = new ArrayList<>();
    final List<Integer> dead = new ArrayList<>();
    final List<String> failures = new ArrayList<>();
    final List<String> debug = new ArrayList<>();
    /** Syslog messages as IOS prints them: `%CRYPTO-6-IKMP_MODE_FAILURE: ...`. */
    final List<String> logs = new ArrayList<>();
    Consumer<Datagram> sink = d -> { };
    boolean print;

    @Override
    public void send(Datagram d) { sink.accept(d); }

    @Override
    public void childSaEstablished(ChildSa sa) { up.add(sa); }

    @Override
    public void childSaDeleted(ChildSa sa, String reason) {
        down.add(sa);
        downReasons.add(reason);
    }

    @Override
    public void isakmpSaEstablished(IsakmpSaInfo sa) { p1Up.add(sa); }

    @Override
    public void isakmpSaDeleted(IsakmpSaInfo sa, String reason) { p1Down.add(sa); }

    @Override
    public void peerDead(int peer, int port) { dead.add(peer); }

    @Override
    public void negotiationFailed(int peer, String reason) { failures.add(reason); }

    @Override
    public void log(int severity, String mnemonic, String text) { log("CRYPTO", severity, mnemonic, text); }

    @Override
    public void log(String facility, int severity, String mnemonic, String text) {
        logs.add("%" + facility + "-" + severity + "-" + mnemonic + ": " + text);
    }

    @Override
    public void debug(String line) {
        debug.add(line);
        if (print) System.out.println(line);
    }

    /** Child SAs up and not deleted. */
    List<ChildSa> live() {
        List<ChildSa> l = new ArrayList<>(up);
        l.removeAll(down);
        return l;
    }
}
