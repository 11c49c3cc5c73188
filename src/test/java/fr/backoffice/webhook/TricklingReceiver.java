package fr.backoffice.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A hostile webhook receiver on 127.0.0.1: it reads the request, answers {@code 200} headers promising a long body,
 * then sends that body one byte a second. It counts the connections it accepted and those still open (not closed by
 * the sender), so a test sees whether the service lets such an exchange hold a connection past its timeout.
 */
final class TricklingReceiver implements AutoCloseable {

    private final ServerSocket server;
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger mostOpenAtOnce = new AtomicInteger();
    private volatile boolean closed;

    private TricklingReceiver() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
    }

    static TricklingReceiver start() throws IOException {
        TricklingReceiver receiver = new TricklingReceiver();
        Thread acceptor = new Thread(receiver::accept, "trickling-receiver");
        acceptor.setDaemon(true);
        acceptor.start();
        return receiver;
    }

    String url() {
        return "http://127.0.0.1:" + server.getLocalPort() + "/hook";
    }

    /** Connections accepted so far. */
    int accepted() {
        return accepted.get();
    }

    /** Connections accepted and not yet closed by the other side. */
    int open() {
        return open.get();
    }

    int mostOpenAtOnce() {
        return mostOpenAtOnce.get();
    }

    private void accept() {
        while (!closed) {
            try {
                Socket socket = server.accept();
                accepted.incrementAndGet();
                mostOpenAtOnce.accumulateAndGet(open.incrementAndGet(), Math::max);
                Thread handler = new Thread(() -> serve(socket), "trickling-connection");
                handler.setDaemon(true);
                handler.start();
            } catch (IOException stopped) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        AtomicBoolean ended = new AtomicBoolean();
        Runnable end = () -> {
            if (ended.compareAndSet(false, true)) {
                open.decrementAndGet();
            }
        };
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            readRequest(in);
            out.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 100000\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // the sender closing its side is seen by a read that ends (-1) or fails (reset)
            Thread watcher = new Thread(() -> {
                try {
                    while (in.read() >= 0) {
                        // a sender has nothing more to say on this connection
                    }
                } catch (IOException reset) {
                    // closed
                }
                end.run();
            }, "trickling-watcher");
            watcher.setDaemon(true);
            watcher.start();
            while (!ended.get() && !closed) {
                out.write('x');
                out.flush();
                Thread.sleep(1000);
            }
        } catch (SocketException gone) {
            // the sender closed the connection
        } catch (IOException | InterruptedException failed) {
            // the test is over
        } finally {
            end.run();
        }
    }

    /** Reads the request line, the headers and the body its Content-Length announces. */
    private static void readRequest(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("the request ended early");
            }
            head.append((char) c);
        }
        int length = 0;
        for (String line : head.toString().split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(line.indexOf(':') + 1).strip());
            }
        }
        in.readNBytes(length);
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
    }
}
