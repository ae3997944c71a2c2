package dev.vigil.server.api;

import dev.vigil.store.db.ChangeCursor;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Change feed cursors as clients hold them: opaque, URL-safe text. */
public final class Cursors {

    private Cursors() {
    }

    public static String encode(ChangeCursor c) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((c.change() + "/" + c.id()).getBytes(StandardCharsets.UTF_8));
    }

    /** The {@code cursor} parameter, or the start of the feed; 400 for a cursor no feed gave. */
    public static ChangeCursor from(Context ctx) {
        String v = Params.str(ctx, "cursor");
        if (v == null) {
            return ChangeCursor.START;
        }
        try {
            String s = new String(Base64.getUrlDecoder().decode(v), StandardCharsets.UTF_8);
            int slash = s.indexOf('/');
            return new ChangeCursor(Long.parseLong(s.substring(0, slash)), s.substring(slash + 1));
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new ApiError(400, "'cursor' is not a cursor this API gave (use next_cursor of the page before)");
        }
    }
}
