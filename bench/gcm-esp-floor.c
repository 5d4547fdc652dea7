/*
 * Issue 14 yardstick beside `openssl speed`: ESP's AES-128-GCM per packet (RFC 4106: new nonce,
 * 8-octet AAD, payload in place, 16-octet tag) done by C on the same libcrypto, the floor for any
 * caller. CPU time of the thread per packet, two ways: through EVP (EVP_CipherInit_ex with the
 * nonce, EVP_CipherUpdate for AAD and payload, EVP_CipherFinal_ex, EVP_CTRL_AEAD_GET_TAG) and
 * through the provider's own functions as esp.OpenSslGcm calls them (OSSL_PROVIDER_query_operation;
 * encrypt: init, AAD, payload, final, get_ctx_params "tag"; decrypt: init with the tag, AAD,
 * payload, final), beside streaming EVP_EncryptUpdate alone (no per-packet work at all).
 * Note: `openssl speed -evp aes-128-gcm` of OpenSSL 3.0.19 re-keys per packet (EVP_CipherInit_ex
 * with key and IV, an IV-length ctrl, Update, Final: counted with an LD_PRELOAD shim).
 *
 *   gcc -O2 -o /tmp/gcm-esp-floor bench/gcm-esp-floor.c -lcrypto && /tmp/gcm-esp-floor [size] [seconds] [rounds] [evp]
 * With "evp", two more EVP forms of the seal: EVP_CipherInit_ex2 in place of EVP_CipherInit_ex, and
 * EVP_CTRL_GCM_SET_IV_FIXED once then EVP_CTRL_GCM_IV_GEN per packet (as IPsec stacks do).
 */
#include <openssl/core_dispatch.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>
#include <openssl/provider.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double cpu(void) { struct timespec t; clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t); return t.tv_sec + t.tv_nsec * 1e-9; }
static unsigned char buf[65600], sealed[65600], key[16], iv[12], openiv[12], tag[16];
static EVP_CIPHER_CTX *ctx, *genctx;
static unsigned char ivout[8];
static int len;
static OSSL_FUNC_cipher_encrypt_init_fn *einit;
static OSSL_FUNC_cipher_decrypt_init_fn *dinit;
static OSSL_FUNC_cipher_update_fn *upd;
static OSSL_FUNC_cipher_final_fn *fin;
static OSSL_FUNC_cipher_get_ctx_params_fn *getp;
static void *penc, *pdec;
static OSSL_PARAM gettag[2], settag[2];

static int stream(void) { int o; return EVP_EncryptUpdate(ctx, buf + 16, &o, buf + 16, len); }
static int evp_seal(void) {
    int o; iv[11]++;
    return EVP_CipherInit_ex(ctx, NULL, NULL, NULL, iv, 1) & EVP_CipherUpdate(ctx, NULL, &o, buf, 8)
        & EVP_CipherUpdate(ctx, buf + 16, &o, buf + 16, len) & EVP_CipherFinal_ex(ctx, tag, &o)
        & EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_GET_TAG, 16, buf + 16 + len);
}
static int evp2_seal(void) {
    int o; iv[11]++;
    return EVP_CipherInit_ex2(ctx, NULL, NULL, iv, 1, NULL) & EVP_CipherUpdate(ctx, NULL, &o, buf, 8)
        & EVP_CipherUpdate(ctx, buf + 16, &o, buf + 16, len) & EVP_CipherFinal_ex(ctx, tag, &o)
        & EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_GET_TAG, 16, buf + 16 + len);
}
static int ivgen_seal(void) {
    int o;
    return (EVP_CIPHER_CTX_ctrl(genctx, EVP_CTRL_GCM_IV_GEN, 8, ivout) > 0) & EVP_CipherUpdate(genctx, NULL, &o, buf, 8)
        & EVP_CipherUpdate(genctx, buf + 16, &o, buf + 16, len) & EVP_CipherFinal_ex(genctx, tag, &o)
        & EVP_CIPHER_CTX_ctrl(genctx, EVP_CTRL_AEAD_GET_TAG, 16, buf + 16 + len);
}
static int prov_seal(void) {
    size_t o; iv[11]++;
    return einit(penc, NULL, 0, iv, 12, NULL) & upd(penc, NULL, &o, 8, buf, 8)
        & upd(penc, buf + 16, &o, len, buf + 16, len) & fin(penc, tag, &o, 16) & getp(penc, gettag);
}
static int prov_open(void) {
    size_t o; memcpy(buf, sealed, len + 32);
    return dinit(pdec, NULL, 0, openiv, 12, settag) & upd(pdec, NULL, &o, 8, buf, 8)
        & upd(pdec, buf + 16, &o, len, buf + 16, len) & fin(pdec, tag, &o, 16);
}
static void run(const char *n, int (*f)(void), double s) {
    double c0 = cpu(); long k = 0; int ok = 1;
    for (;;) { for (int i = 0; i < 1000; i++) ok &= f(); k += 1000; if (cpu() - c0 > s) break; }
    double c = cpu() - c0;
    printf("%-22s %5d B %7.1f ns CPU/packet  %.3f M packets/s of CPU%s\n", n, len, c / k * 1e9, k / c / 1e6, ok ? "" : "  FAILED");
}
int main(int argc, char **argv) {
    len = argc > 1 ? atoi(argv[1]) : 1400;
    double s = argc > 2 ? atof(argv[2]) : 2;
    int rounds = argc > 3 ? atoi(argv[3]) : 2, nc;
    int evp = argc > 4 && !strcmp(argv[4], "evp");
    if (len < 1 || len > 65536) return 2;
    ctx = EVP_CIPHER_CTX_new();
    EVP_CipherInit_ex(ctx, EVP_aes_128_gcm(), NULL, key, iv, 1);
    genctx = EVP_CIPHER_CTX_new();
    EVP_CipherInit_ex(genctx, EVP_aes_128_gcm(), NULL, key, NULL, 1);
    EVP_CIPHER_CTX_ctrl(genctx, EVP_CTRL_GCM_SET_IV_FIXED, -1, iv);
    EVP_CIPHER *c = EVP_CIPHER_fetch(NULL, "AES-128-GCM", NULL);
    const OSSL_PROVIDER *p = EVP_CIPHER_get0_provider(c);
    const OSSL_ALGORITHM *al = OSSL_PROVIDER_query_operation(p, OSSL_OP_CIPHER, &nc);
    while (al->algorithm_names && strncmp(al->algorithm_names, "AES-128-GCM:", 12)) al++;
    OSSL_FUNC_cipher_newctx_fn *nw = NULL;
    for (const OSSL_DISPATCH *d = al->implementation; d->function_id; d++) switch (d->function_id) {
        case OSSL_FUNC_CIPHER_NEWCTX: nw = (OSSL_FUNC_cipher_newctx_fn *) d->function; break;
        case OSSL_FUNC_CIPHER_ENCRYPT_INIT: einit = (OSSL_FUNC_cipher_encrypt_init_fn *) d->function; break;
        case OSSL_FUNC_CIPHER_DECRYPT_INIT: dinit = (OSSL_FUNC_cipher_decrypt_init_fn *) d->function; break;
        case OSSL_FUNC_CIPHER_UPDATE: upd = (OSSL_FUNC_cipher_update_fn *) d->function; break;
        case OSSL_FUNC_CIPHER_FINAL: fin = (OSSL_FUNC_cipher_final_fn *) d->function; break;
        case OSSL_FUNC_CIPHER_GET_CTX_PARAMS: getp = (OSSL_FUNC_cipher_get_ctx_params_fn *) d->function; break;
    }
    void *provctx = OSSL_PROVIDER_get0_provider_ctx(p);
    penc = nw(provctx); pdec = nw(provctx);
    einit(penc, key, 16, NULL, 0, NULL); dinit(pdec, key, 16, NULL, 0, NULL);
    gettag[0] = OSSL_PARAM_construct_octet_string(OSSL_CIPHER_PARAM_AEAD_TAG, buf + 16 + len, 16);
    gettag[1] = OSSL_PARAM_construct_end();
    settag[0] = OSSL_PARAM_construct_octet_string(OSSL_CIPHER_PARAM_AEAD_TAG, sealed + 16 + len, 16);
    settag[1] = OSSL_PARAM_construct_end();
    prov_seal();                         /* one packet to open again and again, with the nonce it was sealed with */
    memcpy(sealed, buf, len + 32);
    memcpy(openiv, iv, 12);
    printf("%s, %s\n", OpenSSL_version(OPENSSL_VERSION), al->algorithm_names);
    if (!prov_open()) { printf("self-check failed\n"); return 1; }
    for (int r = 0; r < rounds; r++) {
        EVP_CipherInit_ex(ctx, NULL, NULL, NULL, iv, 1);
        run("stream (Update only)", stream, s);
        run("ESP seal, EVP", evp_seal, s);
        if (evp) {
            run("ESP seal, EVP init_ex2", evp2_seal, s);
            run("ESP seal, EVP IV_GEN", ivgen_seal, s);
        }
        run("ESP seal, provider", prov_seal, s);
        run("ESP open, provider", prov_open, s);
    }
    return 0;
}
