package io.lucid.command.pairing;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The QR code is a real PNG that a scanner reads back as the payload. */
class PairingQrCodeTest {

    @Test
    void thePngDecodesToThePayload() throws Exception {
        String payload = "{\"pairing_id\":\"6f1c2a34-8d5e-4b7a-9c0d-1e2f3a4b5c6d\",\"websocket_url\":\"ws://127.0.0.1:8082/ws\","
                + "\"temp_token\":\"" + TempTokens.generate() + "\",\"timestamp\":\"2026-11-21T08:00:00Z\"}";
        byte[] png = PairingQrCode.png(payload);
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        var image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image.getWidth()).isEqualTo(PairingQrCode.SIZE_PX);
        String decoded = new MultiFormatReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))))
                .getText();
        assertThat(decoded).isEqualTo(payload);
    }

    @Test
    void theDataUrlCarriesThePng() {
        byte[] png = PairingQrCode.png("x");
        String url = PairingQrCode.dataUrl(png);
        assertThat(url).startsWith("data:image/png;base64,");
        assertThat(Base64.getDecoder().decode(url.substring("data:image/png;base64,".length()))).isEqualTo(png);
    }
}
