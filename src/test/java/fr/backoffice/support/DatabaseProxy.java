package fr.backoffice.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy to the local PostgreSQL that can drop every connection and refuse new ones, then come back: the
 * shared test profile's requests reach the database through it, so that DatabaseOutageTest can take the database away
 * from the service without touching the PostgreSQL other tests and checkouts share.
 */
public final class DatabaseProxy {

    private final int port;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile ServerSocket server;

    private DatabaseProxy(int port) {
        this.port = port;
    }

    public static DatabaseProxy start() {
        try {
            int port;
            try (ServerSocket probe = new ServerSocket(0)) {
                port = probe.getLocalPort();
            }
            DatabaseProxy proxy = new DatabaseProxy(port);
            proxy.restore();
            return proxy;
        } catch (IOException failed) {
            throw new IllegalStateException(failed);
        }
    }

    public int port() {
        return port;
    }

    public synchronized void restore() throws IOException {
        server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        ServerSocket listening = server;
        Thread acceptor = new Thread(() -> {
            while (!listening.isClosed()) {
                try {
                    Socket client = listening.accept();
                    Socket database = new Socket("127.0.0.1", 5432);
                    open.add(client);
                    open.add(database);
                    pipe(client, database);
                    pipe(database, client);
                } catch (IOException closed) {
                    return;
                }
            }
        }, "outage-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public synchronized void cut() throws IOException {
        server.close();
        for (Socket socket : open) {
            socket.close();
        }
        open.clear();
    }

    private static void pipe(Socket from, Socket to) {
        Thread copier = new Thread(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException ended) {
                // the other side closed, or the proxy cut the line
            } finally {
                try {
                    to.close();
                } catch (IOException ignored) {
                    // already closed
                }
            }
        }, "outage-proxy-pipe");
        copier.setDaemon(true);
        copier.start();
    }
}
