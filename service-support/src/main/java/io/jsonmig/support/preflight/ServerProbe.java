package io.jsonmig.support.preflight;

import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * Whether a server accepts a connection now, within a short timeout: a TCP connection, with the TLS
 * handshake for https and SMTPS. Sends nothing else.
 */
public final class ServerProbe {

    private final Duration timeout;

    public ServerProbe(Duration timeout) {
        this.timeout = timeout;
    }

    /** What was found; {@code detail} never holds more of a URL than its host and port. */
    public record Answer(boolean reached, String detail) {
    }

    /** A webhook's host and port: the rest of its URL (a Slack URL's path is its secret) stays out of every message. */
    public record Endpoint(String host, int port, boolean tls) {

        /** The endpoint of an http(s) URL. */
        public static Endpoint of(String url) {
            URI uri = URI.create(url);
            boolean https = "https".equals(uri.getScheme().toLowerCase(Locale.ROOT));
            return new Endpoint(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : https ? 443 : 80, https);
        }

        @Override
        public String toString() {
            return host + ":" + port;
        }
    }

    public Answer connect(Endpoint endpoint) {
        try (Socket socket = open(endpoint.host(), endpoint.port(), endpoint.tls())) {
            return new Answer(true, endpoint.tls() ? "TLS " + ((SSLSocket) socket).getSession().getProtocol() : "TCP");
        } catch (IOException e) {
            return new Answer(false, describe(e));
        }
    }

    /** Connects and reads the server's greeting, which must be {@code 220}. */
    public Answer smtp(String host, int port, boolean tls) {
        try (Socket socket = open(host, port, tls)) {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            String greeting = in.readLine();
            if (greeting == null || !greeting.startsWith("220")) {
                return new Answer(false, "it greeted with '" + (greeting == null ? "" : greeting.strip())
                        + "' instead of 220");
            }
            return new Answer(true, greeting.length() > 80 ? greeting.substring(0, 80) + "…" : greeting.strip());
        } catch (IOException e) {
            return new Answer(false, describe(e));
        }
    }

    private Socket open(String host, int port, boolean tls) throws IOException {
        int millis = (int) timeout.toMillis();
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), millis);
            socket.setSoTimeout(millis);
            if (!tls) {
                return socket;
            }
            SSLSocket secured = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault())
                    .createSocket(socket, host, port, true);
            secured.startHandshake();
            return secured;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    private String describe(IOException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.toLowerCase(Locale.ROOT).contains("timed out")
                ? "no answer within " + timeout.toMillis() + " ms" : message;
    }
}
