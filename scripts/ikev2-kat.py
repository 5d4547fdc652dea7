#!/usr/bin/env python3
"""Independent IKEv2 key derivation (RFC 7296 §2.13-2.15, §2.17) for Ikev2KeysTest's known answers.

Run: python3 scripts/ikev2-kat.py  (prints the hex values the test pins)."""
import hashlib, hmac

def prf(h, k, s):
    return hmac.new(k, s, h).digest()

def prf_plus(h, k, s, n):
    out, t, i = b"", b"", 1
    while len(out) < n:
        t = prf(h, k, t + s + bytes([i]))
        out += t
        i += 1
    return out[:n]

ni = bytes(range(32))
nr = bytes(range(100, 132))
gir = bytes((7 * i + 3) & 0xff for i in range(256))
spii = bytes.fromhex("0123456789abcdef")
spir = bytes.fromhex("fedcba9876543210")
for name, h, hl, integ, enc in [("sha256", hashlib.sha256, 32, 32, 32), ("sha1", hashlib.sha1, 20, 20, 16),
                                 ("sha512", hashlib.sha512, 64, 0, 36)]:
    seed = prf(h, ni + nr, gir)
    keys = prf_plus(h, seed, ni + nr + spii + spir, 3 * hl + 2 * integ + 2 * enc)
    print(name, "SKEYSEED", seed.hex())
    print(name, "KEYS", keys.hex())
    skd = keys[:hl]
    skpi = keys[hl + 2 * integ + 2 * enc: 2 * hl + 2 * integ + 2 * enc]
    idi = bytes([1, 0, 0, 0, 192, 0, 2, 1])
    msg1 = bytes(range(200))
    auth = prf(h, prf(h, b"cisco123", b"Key Pad for IKEv2"), msg1 + nr + prf(h, skpi, idi))
    print(name, "AUTH", auth.hex())
    print(name, "CHILD", prf_plus(h, skd, ni + nr, 2 * (32 + 32)).hex())
