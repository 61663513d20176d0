package dev.sluice.cli.dashboard;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;

/**
 * Who may read the dashboard: anyone who reaches it when no token is set (the server then binds only the
 * loopback address), otherwise a request carrying the token as {@code Authorization: Bearer <token>}, or as
 * the password of basic auth (any user name), which is what a browser's login prompt sends.
 */
public final class Access {

    private final Optional<byte[]> token;

    public Access(Optional<String> token) {
        this.token = token.map(t -> t.getBytes(StandardCharsets.UTF_8));
    }

    public boolean required() {
        return token.isPresent();
    }

    /** Whether a request with this {@code Authorization} header may pass. */
    public boolean allows(String authorization) {
        if (token.isEmpty()) {
            return true;
        }
        if (authorization == null) {
            return false;
        }
        String presented = null;
        if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            presented = authorization.substring(7).strip();
        } else if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                presented = colon < 0 ? null : decoded.substring(colon + 1);
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        // Constant time, so the answer's timing does not tell how much of a guess was right.
        return presented != null && MessageDigest.isEqual(token.get(), presented.getBytes(StandardCharsets.UTF_8));
    }
}
