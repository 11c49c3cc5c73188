package fr.backoffice.support;

import io.restassured.RestAssured;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 exchange over a plain socket to the service under test: the request target is sent exactly as given
 * (no client normalizes {@code /events//stream} or {@code %73}), the status line and headers are read, and the body
 * is left unread until asked for, so that an endless answer (the event stream) stays open until {@link #close()}.
 */
public final class RawHttp implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final int status;
    private final Map<String, String> headers = new LinkedHashMap<>();

    private RawHttp(Socket socket, InputStream in, int status) {
        this.socket = socket;
        this.in = in;
        this.status = status;
    }

    /** Sends {@code method target} with these headers (Host and Connection are added) and reads the answer's head. */
    public static RawHttp send(String method, String target, Map<String, String> requestHeaders) {
        URI base = URI.create(RestAssured.baseURI);
        try {
            Socket socket = new Socket(base.getHost(), RestAssured.port);
            socket.setSoTimeout(10_000);
            StringBuilder request = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                    .append("Host: ").append(base.getHost()).append(':').append(RestAssured.port).append("\r\n");
            requestHeaders.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
            request.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String statusLine = line(in);
            if (statusLine == null || !statusLine.startsWith("HTTP/1.1 ")) {
                socket.close();
                throw new IllegalStateException("No HTTP answer to " + method + " " + target + ": " + statusLine);
            }
            RawHttp answer = new RawHttp(socket, in, Integer.parseInt(statusLine.substring(9, 12)));
            for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
                int colon = header.indexOf(':');
                answer.headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
            }
            return answer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A stream of events, as a subscriber opens it. */
    public static RawHttp stream(String target, String token) {
        return send("GET", target, Map.of("Authorization", "Bearer " + token, "Accept", "text/event-stream"));
    }

    public int status() {
        return status;
    }

    /** A header of the answer (name in any case), or null. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** The body of an answer with a {@code Content-Length}. */
    public String body() {
        String length = header("Content-Length");
        if (length == null) {
            throw new IllegalStateException("The answer has no Content-Length (status " + status + ", " + headers + ")");
        }
        try {
            return new String(in.readNBytes(Integer.parseInt(length)), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads the body (it has a {@code Content-Length}), then whether the server closed the connection after it. */
    public boolean closedAfterBody() {
        body();
        try {
            return in.read() == -1;
        } catch (java.net.SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads the body line by line until one contains {@code text}, for an endless answer (a stream's message): false
     * if the answer ends first. A read waits 10 s at most.
     */
    public boolean readUntilLineWith(String text) {
        try {
            for (String line = line(in); line != null; line = line(in)) {
                if (line.contains(text)) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Closes the connection: for a stream, the subscriber going away. */
    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closed already
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != -1; b = in.read()) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }
}
