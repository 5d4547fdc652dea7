package dev.routerlab.ikev2;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.routerlab.ikev2.Ikev2Algorithms.Encryption;
import dev.routerlab.ikev2.Ikev2Algorithms.Integrity;
import dev.routerlab.ikev2.Ikev2Algorithms.Prf;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Known answers for SKEYSEED, prf+ and the seven IKE SA keys, the PSK AUTH and Child SA KEYMAT
 * (RFC 7296 §2.13-2.17), computed independently by {@code scripts/ikev2-kat.py} (Python's hmac).
 */
class Ikev2KeysTest {
    static final HexFormat HEX = HexFormat.of();
    static final long SPI_I = 0x0123456789abcdefL, SPI_R = 0xfedcba9876543210L;

    static byte[] range(int from, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = (byte) (from + i);
        return b;
    }

    static void check(Prf prf, Encryption enc, Integrity integ, String seedHex, String keysHex, String authHex, String childHex) {
        byte[] ni = range(0, 32), nr = range(100, 32), gir = new byte[256];
        for (int i = 0; i < 256; i++) gir[i] = (byte) (7 * i + 3);
        byte[] seed = Ikev2Keys.skeyseed(prf, ni, nr, gir);
        assertEquals(seedHex, HEX.formatHex(seed));
        Ikev2Keys.SaKeys k = Ikev2Keys.saKeys(prf, enc, integ, seed, ni, nr, SPI_I, SPI_R);
        String all = HEX.formatHex(k.d()) + HEX.formatHex(k.ai()) + HEX.formatHex(k.ar()) + HEX.formatHex(k.ei())
                + HEX.formatHex(k.er()) + HEX.formatHex(k.pi()) + HEX.formatHex(k.pr());
        assertEquals(keysHex, all);
        byte[] idi = {1, 0, 0, 0, (byte) 192, 0, 2, 1};
        byte[] auth = Ikev2Keys.pskAuth(prf, "cisco123".getBytes(), range(0, 200), nr, k.pi(), idi);
        assertEquals(authHex, HEX.formatHex(auth));
        assertEquals(childHex, HEX.formatHex(Ikev2Keys.childKeymat(prf, k.d(), null, ni, nr, 128)));
    }

    @Test
    void sha256() {
        check(Prf.SHA256, Encryption.AES_CBC_256, Integrity.SHA256_128,
                "3d80a386ea0c5bca50ecadab7ef3b30208975f42ce2c86c60541834ebc5abf3d",
                "c1d21021dddaa8eab818fe078664ca978ff7cb4c8c65b9a557a7829866f1af1bcc97ac3d1e7a9325ea970393c3329aad"
                + "8c2a48a8dec8c3921681c4d9cd9995fcdc85e3430361e341d9ce00333c4e5e8a775b766c66ddd11066c08fe092f410de"
                + "b5c3ffef6d9d06f22eb6b00bb6bedf0d495a20f0da00e720921542a89c06f5e6495c3932cdecd62a978b4499cd27296d"
                + "38ed26f727c2028f166e8ae45c6399d88df8ec7cf558c9566c0363f1c27e1008a39d4d4994662ed4eaeefd00f64c0043"
                + "8d065eac8ec0a82cf773c0e4237f3211cc5105fdb42bf8f675a247fb9263384a",
                "0efd8de2e101a88d895c78b6a3574f84bb06bf19551a72194a6791cce8133b91",
                "29072ee809ceaa9935b358acfa34f08a642eaa5edc3635a9989819ca11ab93281c3f0f85a1a4444023647358e2401751"
                + "1adb9e60072c50b60c499b319275eada5c703c6afd825e3a983406b8fd02217b3818ac5a8b2f4e556a4af41568b3c7f0"
                + "b9e23f1cb9f38f9f7c11d41e633b626a054e4822e7cab12fba569f3d52b2a556");
    }

    @Test
    void sha1() {
        check(Prf.SHA1, Encryption.AES_CBC_128, Integrity.SHA1_96,
                "ba9d1e51e04ac768c435026c751852b94986b093",
                "2cbf36468580356b9738d9daa480035395df5a9b80931e0eb2f60a3b626959040ad1881ef38ee425006df4e536f150cb"
                + "cc332ea6a651bf378d05b1cb872f0a6d58e56502b9880d58cdae666f88d0140cf320c9d2ac0dc6b0a5afbed20cf99491"
                + "b7b9ee68e4d5ed11aaef7e776f9eb77e724a184c8c752ca767f4a2f6fe7e6b53ffb511ef",
                "4392525fd0908406f7b4604ee1c9c0740c27f5da",
                "46dfde1b3fb95071f9a77cbf59546198108a0f062d21c05b3dfa5974c60aeae2546acf34bcd806e433927decf0172076"
                + "61f9c1308556e57c597cf0e4710b6dce8625eb68c0ec8cd74ed8f0342bf886ddc655ef846eb29bfa12719024fa8962e0"
                + "3a5fc36dc2dc07d97cc49e845dfe1c81cb8fb7be602b0a8c3137be4fb1e206cc");
    }

    @Test
    void sha512() {
        check(Prf.SHA512, Encryption.AES_GCM_256, null,
                "eff4d5ecafdcaa39d86ca5a09e46241fd77b091243fed2e907e1277cdd79cbb7cdb5aeee770587382c6b7a23ed541968"
                + "28f12fd55bd0cfbb7ef45741fe68b3fe",
                "e1a08711fbbf9509f30a798307ba7cb9bea1a638b3ae94c2e32cd5f051c3e09701af1b3a7245ed0dc6b3aae4693075a9"
                + "31fe573fcc9a28704ca77096b7158f520b1107809c5f1d79492b656f9d9f0f41fecac107fde24bc557ca0125ca2548c9"
                + "4e9283bfe33d4c805b8ce3b844bda7a0b85a4502193994a9f7dadf59c3cb284d260c1e43f8106031d174134223f52048"
                + "a2a73b798b08e9cbc1f071fafab9c8dce0ba814a951ad685482262b6c5e22753717496094dbf4cbec63b6a76fbe0271d"
                + "d933c1fe10c11c42074fa24efdbaed579c011e2e0c46256e01e3c18baf1ec2df8f0aad4ee0d24681357112638f25c258"
                + "b9da6ed11b26d6fdbb1fcd1acecc1ab1bb27d664995c6510",
                "06074f4200b0e416d200d77686c49dc2afc310d089d82463e5d9c4e91defaa198f7724968bd0197a27066a45a9218a60"
                + "2f94d611302d713e4b7ef672ef1caad0",
                "26d95b2da7efe7c9eab475464931032c09e34606578eae75a51d5db1ee4bf677209320e8325aa945277bafdae24f297b"
                + "1aff75e6c50a638bbb9568817e039e5505f85845b349d717e73dec64b43bd05ea7b4c29cc72bc1a49a68a06129ac5fa6"
                + "5ce18d589c81bc62036950a1fab60b78c04446cb3c0987886256f54d0df2f48e");
    }
}
