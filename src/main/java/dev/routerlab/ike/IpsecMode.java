package dev.routerlab.ike;

/** ESP encapsulation mode (RFC 4303 §3.1), as a transform set's {@code mode tunnel|transport}. */
public enum IpsecMode { TUNNEL, TRANSPORT }
