package dev.vigil.detect.analysis;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Vigil's version, from the build. */
public final class Version {

    private Version() {
    }

    public static final String VALUE = load();

    private static String load() {
        try (InputStream in = Version.class.getResourceAsStream("/vigil-version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "dev");
        } catch (IOException e) {
            return "dev";
        }
    }
}
