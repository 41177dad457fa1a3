package nnj.examples.data;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;

/** Generated IDX files and a local HTTP server for download tests. */
final class TestFiles {
    private TestFiles() {
    }

    /** {@code n} images of rows×cols, pixel p of image i = (i + p) mod 256, as an IDX file. */
    static byte[] images(int n, int rows, int cols) {
        ByteBuffer b = ByteBuffer.allocate(16 + n * rows * cols);
        b.putInt(0x00000803).putInt(n).putInt(rows).putInt(cols);
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < rows * cols; p++) {
                b.put((byte) (i + p));
            }
        }
        return b.array();
    }

    /** Labels i mod classes, as an IDX file. */
    static byte[] labels(int n, int classes) {
        ByteBuffer b = ByteBuffer.allocate(8 + n);
        b.putInt(0x00000801).putInt(n);
        for (int i = 0; i < n; i++) {
            b.put((byte) (i % classes));
        }
        return b.array();
    }

    static byte[] gzip(byte[] raw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(raw);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return bytes.toByteArray();
    }

    /** The four standard .gz files of a tiny MNIST-like set (10 train: one per class, as every class must be in training; 4 test images of 3×2). */
    static Map<String, byte[]> tinyMnistGz() {
        return Map.of(
                "train-images-idx3-ubyte.gz", gzip(images(10, 3, 2)),
                "train-labels-idx1-ubyte.gz", gzip(labels(10, 10)),
                "t10k-images-idx3-ubyte.gz", gzip(images(4, 3, 2)),
                "t10k-labels-idx1-ubyte.gz", gzip(labels(4, 10)));
    }

    /** The MD5 of each file, as a maintainer would publish it. */
    static Map<String, String> md5Of(Map<String, byte[]> files) {
        Map<String, String> out = new java.util.HashMap<>();
        files.forEach((name, bytes) -> out.put(name, Md5.hex(Md5.newDigest().digest(bytes))));
        return out;
    }

    /** A server on 127.0.0.1 serving {@code files} under /data/; anything else is 404. */
    static final class Server implements AutoCloseable {
        final HttpServer http;
        final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();

        Server(Map<String, byte[]> files) throws IOException {
            http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            http.createContext("/data/", exchange -> {
                String name = exchange.getRequestURI().getPath().substring("/data/".length());
                requests.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
                byte[] body = files.get(name);
                if (body == null) {
                    exchange.sendResponseHeaders(404, -1);
                } else {
                    exchange.sendResponseHeaders(200, body.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                }
                exchange.close();
            });
            http.start();
        }

        URI base() {
            return URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/data/");
        }

        int requestsFor(String name) {
            AtomicInteger n = requests.get(name);
            return n == null ? 0 : n.get();
        }

        @Override
        public void close() {
            http.stop(0);
        }
    }
}
