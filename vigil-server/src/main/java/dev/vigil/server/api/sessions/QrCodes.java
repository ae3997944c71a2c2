package dev.vigil.server.api.sessions;

import io.nayuki.qrcodegen.QrCode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * QR codes for the dashboard (the otpauth:// URI of a TOTP enrolment), encoded by Project Nayuki's
 * QR Code generator and drawn as SVG on the server, so the page shows an image and runs no encoder.
 */
final class QrCodes {

    /** Modules of quiet zone around the code (ISO/IEC 18004:2015 §9.1 asks for four). */
    static final int QUIET_ZONE = 4;

    private QrCodes() {
    }

    /** The code of {@code text} as an SVG document: one path of dark modules, error correction M. */
    static String svg(String text) {
        QrCode qr = QrCode.encodeText(text, QrCode.Ecc.MEDIUM);
        int size = qr.size + 2 * QUIET_ZONE;
        StringBuilder path = new StringBuilder();
        for (int y = 0; y < qr.size; y++) {
            for (int x = 0; x < qr.size; x++) {
                if (qr.getModule(x, y)) {
                    path.append('M').append(x + QUIET_ZONE).append(',').append(y + QUIET_ZONE).append("h1v1h-1z");
                }
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + size + " " + size + "\" shape-rendering=\"crispEdges\">"
                + "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path d=\"" + path + "\" fill=\"#000\"/></svg>";
    }

    /** {@link #svg} as a data: URI for an img element. */
    static String dataUri(String text) {
        return "data:image/svg+xml;base64," + Base64.getEncoder().encodeToString(svg(text).getBytes(StandardCharsets.UTF_8));
    }
}
