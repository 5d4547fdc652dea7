package dev.routerlab.ssh;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Line ends as IOS sends them on a vty: every newline leaves as CR LF, and the CR runs that
 * layered translations produce (`\r\r\n`) collapse to one, so automation clients (Netmiko,
 * Ansible) see clean `\r\n` lines. A lone CR (cursor to column 0) passes unchanged.
 */
final class CrlfOutputStream extends FilterOutputStream {
    private int pendingCr;

    CrlfOutputStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        if (b == '\r') {
            pendingCr++;
        } else if (b == '\n') {
            pendingCr = 0;
            out.write('\r');
            out.write('\n');
        } else {
            releaseCr();
            out.write(b);
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        byte[] buf = new byte[len * 2 + pendingCr];
        int n = 0;
        for (int i = off; i < off + len; i++) {
            byte c = b[i];
            if (c == '\r') {
                pendingCr++;
            } else if (c == '\n') {
                pendingCr = 0;
                buf[n++] = '\r';
                buf[n++] = '\n';
            } else {
                while (pendingCr > 0) {
                    buf[n++] = '\r';
                    pendingCr--;
                }
                buf[n++] = c;
            }
        }
        out.write(buf, 0, n);
    }

    private void releaseCr() throws IOException {
        while (pendingCr > 0) {
            out.write('\r');
            pendingCr--;
        }
    }

    @Override
    public void flush() throws IOException {
        releaseCr();
        out.flush();
    }
}
