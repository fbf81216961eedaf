package com.marketreactions.stack;

import com.marketreactions.common.RegistryOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What a secured stack needs, made at its start in {@code <data dir>/secure}: a certificate authority of its own, a
 * certificate it signed for 127.0.0.1 that the broker and the registry present, a trust store and a PEM file holding
 * only the authority (for Java and for other clients), and one user with a random password that the broker
 * (SASL/PLAIN over TLS) and the registry (HTTP basic authentication over TLS) both accept.
 *
 * <p>The certificates are made with the JDK's {@code keytool}: the JDK has no public API that writes one, and a
 * library for it would be a dependency for the one thing keytool already does. They, and the password, are made anew
 * at every start (valid 30 days), so the client properties file the stack writes holds for that run.
 *
 * @param keyStore PKCS12: the server's key and certificate chain (alias {@value #SERVER_ALIAS})
 * @param trustStore PKCS12: the authority's certificate only
 * @param caPem the authority's certificate as PEM, for clients that are not Java (librdkafka's
 *     {@code ssl.ca.location})
 * @param storePassword the password of both stores
 * @param user the one user's name
 * @param password the one user's password
 */
public record StackSecurity(
        Path keyStore, Path trustStore, Path caPem, String storePassword, String user, String password) {

    static final String SERVER_ALIAS = "server";
    static final String USER = "reactions";
    private static final String VALIDITY_DAYS = "30";

    /** The user's credentials for the broker's PLAIN mechanism, as a client's {@code sasl.jaas.config}. */
    public String clientJaas() {
        return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + user + "\" password=\""
                + password + "\";";
    }

    /** How a client of the registry authenticates as the user and trusts the stack's authority alone. */
    public RegistryOptions registryOptions() {
        return RegistryOptions.of(Map.of(
                RegistryOptions.USER_INFO,
                user + ":" + password,
                RegistryOptions.TRUSTSTORE,
                trustStore.toString(),
                RegistryOptions.TRUSTSTORE_PASSWORD,
                storePassword));
    }

    /** Makes the authority, the server certificate, the stores and the user's password in {@code dir}. */
    static StackSecurity generate(Path dir) {
        try {
            Files.createDirectories(dir);
            for (String f : List.of("ca.p12", "server.p12", "truststore.p12", "ca.pem", "server.csr", "server.pem")) {
                Files.deleteIfExists(dir.resolve(f));
            }
        } catch (IOException e) {
            throw new StackException("Cannot prepare " + dir + " for the stack's certificates: " + e.getMessage(), e);
        }
        String pw = randomSecret();
        String ca = "-keystore ca.p12 -storetype PKCS12";
        String server = "-keystore server.p12 -storetype PKCS12";
        String rsa = "-keyalg RSA -keysize 2048 -validity " + VALIDITY_DAYS;
        keytool(dir, pw, "-genkeypair -alias ca -dname CN=market-reactions-local-CA -ext bc:c " + rsa + " " + ca);
        keytool(dir, pw, "-exportcert -alias ca -rfc -file ca.pem " + ca);
        keytool(dir, pw, "-genkeypair -alias " + SERVER_ALIAS + " -dname CN=127.0.0.1 " + rsa + " " + server);
        keytool(dir, pw, "-certreq -alias " + SERVER_ALIAS + " -file server.csr " + server);
        keytool(
                dir,
                pw,
                "-gencert -alias ca -infile server.csr -outfile server.pem -rfc -validity " + VALIDITY_DAYS
                        + " -ext SAN=ip:127.0.0.1,dns:localhost -ext KU=digitalSignature,keyEncipherment"
                        + " -ext EKU=serverAuth,clientAuth " + ca);
        keytool(dir, pw, "-importcert -alias ca -file ca.pem -noprompt " + server);
        keytool(dir, pw, "-importcert -alias " + SERVER_ALIAS + " -file server.pem " + server);
        keytool(dir, pw, "-importcert -alias ca -file ca.pem -noprompt -keystore truststore.p12 -storetype PKCS12");
        return new StackSecurity(
                dir.resolve("server.p12").toAbsolutePath(),
                dir.resolve("truststore.p12").toAbsolutePath(),
                dir.resolve("ca.pem").toAbsolutePath(),
                pw,
                USER,
                randomSecret());
    }

    /** Writes {@code text} to {@code file}, readable by its owner only: it holds a password. */
    static void writeSecret(Path file, String text) {
        try {
            Files.deleteIfExists(file);
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(
                        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new StackException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static String randomSecret() {
        byte[] b = new byte[18];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** Runs keytool in {@code dir} with {@code args} (no value holds a space) and the store password. */
    private static void keytool(Path dir, String storePassword, String args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args.split(" ")));
        command.addAll(List.of("-storepass", storePassword));
        Path out = dir.resolve("keytool.log");
        try {
            Process p = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(out.toFile())
                    .start();
            p.getOutputStream().close();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new StackException("keytool " + command.get(1) + " did not finish within 60 s");
            }
            if (p.exitValue() != 0) {
                throw new StackException(
                        "keytool " + command.get(1) + " failed (exit " + p.exitValue() + "): " + LogTail.of(out, 3));
            }
        } catch (IOException e) {
            throw new StackException("Cannot run keytool for the stack's certificates: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("Interrupted while making the stack's certificates", e);
        }
    }
}
