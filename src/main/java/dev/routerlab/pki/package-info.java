/**
 * PKI: RSA key pairs by label, trustpoints and their certificate chains, PKCS#10 requests
 * (RFC 2986), certificate path checks on the injected clock with CRLs (RFC 5280 §6, §5), the
 * certificate server's issuing. No CLI: the command layer is {@code pki.cli}.
 */
package dev.routerlab.pki;
