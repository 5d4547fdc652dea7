package dev.routerlab.pki;

import dev.routerlab.http.HttpHandler;
import dev.routerlab.http.HttpRequest;
import dev.routerlab.http.HttpResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.Consumer;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * The certificate server's SCEP resource (RFC 8894 §4) on the router's HTTP server:
 * `GET ?operation=GetCACaps|GetCACert`, and PKIOperation by GET (`message=` base64) or POST.
 * A PKCSReq is granted at once under `grant auto` (CertRep SUCCESS), else filed in the request
 * database and answered PENDING (§3.3.2.2) until the operator grants or rejects it; CertPoll
 * (§3.3.3) then finds it by transactionID: PENDING, SUCCESS with the certificate, or FAILURE
 * badRequest once rejected (badCertId when unknown). A message that does not decode gets HTTP
 * 400. No server running: 503.
 */
public final class ScepServer implements HttpHandler {
    private final Pki pki;
    private long granted, refused, pending;

    public ScepServer(Pki pki) { this.pki = pki; }

    public long granted() { return granted; }

    public long refused() { return refused; }

    /** CertReps that said PENDING (a request filed for the operator, or polled while it waits). */
    public long pending() { return pending; }

    @Override
    public void handle(HttpRequest request, Consumer<HttpResponse> respond) {
        respond.accept(answer(request));
    }

    private HttpResponse answer(HttpRequest request) {
        CertificateAuthority ca = pki.server();
        String op = request.parameter("operation");
        if (op == null) return HttpResponse.text(400, "operation missing\n");
        if (ca == null) return HttpResponse.text(503, "certificate server disabled\n");
        switch (op) {
            case "GetCACaps":
                return HttpResponse.of(200, "text/plain", Scep.CAPABILITIES.getBytes(StandardCharsets.US_ASCII));
            case "GetCACert":
                return HttpResponse.of(200, Scep.CA_CERT_TYPE, Certs.der(ca.certificate()));
            case "PKIOperation":
                byte[] msg;
                if (request.method().equals("POST")) msg = request.body();
                else {
                    String m = request.parameter("message");
                    try {
                        msg = m == null ? null : Base64.getMimeDecoder().decode(m);
                    } catch (IllegalArgumentException e) {
                        msg = null;
                    }
                }
                if (msg == null || msg.length == 0) return HttpResponse.text(400, "message missing\n");
                return pkiOperation(ca, msg);
            default:
                return HttpResponse.text(400, "unsupported operation\n");
        }
    }

    private HttpResponse pkiOperation(CertificateAuthority ca, byte[] msg) {
        Scep.Message req;
        try {
            req = Scep.decode(msg, null, ca.pair().getPrivate());
        } catch (Scep.ScepException e) {
            return HttpResponse.text(400, e.getMessage() + "\n");
        }
        int status = Scep.FAILURE, failInfo = Scep.BAD_REQUEST;
        X509CertificateHolder issued = null;
        CertificateAuthority.Request filed = null;
        if (req.messageType() == Scep.PKCS_REQ && req.content() != null) {
            try {
                // §3.3.1: a PKCSReq sent again with its transactionID is the same request
                filed = ca.request(req.transactionId());
                if (filed == null && pki.grantsAuto()) issued = pki.grant(new PKCS10CertificationRequest(req.content()));
                else if (filed == null) filed = pki.submit(new PKCS10CertificationRequest(req.content()), req.transactionId());
            } catch (IOException | RuntimeException e) {
                filed = null;
            }
        } else if (req.messageType() == Scep.CERT_POLL) {
            // §3.3.3: the request is found by its transactionID
            filed = ca.request(req.transactionId());
            if (filed == null) failInfo = Scep.BAD_CERT_ID;
        } else {
            failInfo = Scep.BAD_ALG;
        }
        if (filed != null) {
            switch (filed.state()) {
                case PENDING -> status = Scep.PENDING;
                case GRANTED -> issued = filed.certificate();
                case REJECTED -> failInfo = Scep.BAD_REQUEST;
            }
        }
        if (issued != null) status = Scep.SUCCESS;
        if (status == Scep.SUCCESS) granted++;
        else if (status == Scep.PENDING) pending++;
        else refused++;
        byte[] nonce = new byte[16];
        pki.random().nextBytes(nonce);
        byte[] rep = Scep.certRep(req, status, failInfo, issued, ca.pair(), ca.certificate(),
            nonce, pki.clock().epochMillis(), RsaKeys.secureRandom(pki.random()));
        return HttpResponse.of(200, Scep.PKI_MESSAGE_TYPE, rep);
    }
}
