package com.marketreactions.streams.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;

/**
 * The page's files on the classpath: uPlot from its webjar (the version Maven resolved), the shared script and
 * style ({@code web/reactions.js}, {@code web/reactions.css}) and the two pages. The report inlines them, the
 * service serves them.
 */
public final class WebAssets {

    /** Name served under {@code /assets/} -> classpath resource. */
    private static final Map<String, String> ASSETS = Map.of(
            "uPlot.iife.min.js",
            uplot() + "uPlot.iife.min.js",
            "uPlot.min.css",
            uplot() + "uPlot.min.css",
            "reactions.js",
            "web/reactions.js",
            "reactions.css",
            "web/reactions.css");

    private WebAssets() {}

    /** The asset {@code name} (one of uPlot.iife.min.js, uPlot.min.css, reactions.js, reactions.css), or null. */
    public static String asset(String name) {
        String resource = ASSETS.get(name);
        return resource == null ? null : text(resource);
    }

    /** A page template under {@code web/}. */
    public static String page(String name) {
        return text("web/" + name);
    }

    private static String uplot() {
        Properties p = new Properties();
        try (InputStream in = stream("META-INF/maven/org.webjars.npm/uplot/pom.properties")) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "META-INF/resources/webjars/uplot/" + p.getProperty("version") + "/dist/";
    }

    private static String text(String resource) {
        try (InputStream in = stream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream stream(String name) throws IOException {
        InputStream in = WebAssets.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IOException("resource " + name + " is not on the classpath");
        }
        return in;
    }
}
