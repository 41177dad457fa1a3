package nnj.examples.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxDownloaderTest {
    @TempDir
    Path cache;

    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private final PrintStream log = new PrintStream(logBytes, true);

    private static List<Path> listing(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    @Test
    void downloadsVerifiesAndReusesTheCache() throws Exception {
        Map<String, byte[]> files = TestFiles.tinyMnistGz();
        try (TestFiles.Server server = new TestFiles.Server(files)) {
            IdxDownloader d = new IdxDownloader(List.of(server.base()), TestFiles.md5Of(files), false, log);
            d.fetchAll(cache);
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                assertArrayEquals(e.getValue(), Files.readAllBytes(cache.resolve(e.getKey())), e.getKey());
                assertEquals(1, server.requestsFor(e.getKey()));
            }
            assertEquals(4, listing(cache).size()); // no temporary files left behind
            d.fetchAll(cache); // verified files are not fetched again
            files.keySet().forEach(name -> assertEquals(1, server.requestsFor(name)));
        }
    }

    @Test
    void damagedCachedFileIsFetchedAgain() throws Exception {
        Map<String, byte[]> files = TestFiles.tinyMnistGz();
        try (TestFiles.Server server = new TestFiles.Server(files)) {
            IdxDownloader d = new IdxDownloader(List.of(server.base()), TestFiles.md5Of(files), false, log);
            d.fetchAll(cache);
            Files.write(cache.resolve("t10k-labels-idx1-ubyte.gz"), new byte[] {1, 2, 3});
            d.fetchAll(cache);
            assertEquals(2, server.requestsFor("t10k-labels-idx1-ubyte.gz"));
            assertEquals(1, server.requestsFor("train-images-idx3-ubyte.gz"));
            assertArrayEquals(files.get("t10k-labels-idx1-ubyte.gz"),
                    Files.readAllBytes(cache.resolve("t10k-labels-idx1-ubyte.gz")));
            assertTrue(logBytes.toString().contains("does not match its published MD5"));
        }
    }

    @Test
    void checksumMismatchIsRefusedAndLeavesNoFile() throws Exception {
        Map<String, byte[]> files = TestFiles.tinyMnistGz();
        Map<String, String> md5 = new HashMap<>(TestFiles.md5Of(files));
        md5.put("train-labels-idx1-ubyte.gz", "00000000000000000000000000000000");
        try (TestFiles.Server server = new TestFiles.Server(files)) {
            IdxDownloader d = new IdxDownloader(List.of(server.base()), md5, false, log);
            IdxDownloader.DownloadFailure e = assertThrows(IdxDownloader.DownloadFailure.class,
                    () -> d.fetch(cache, "train-labels-idx1-ubyte.gz"));
            assertFalse(e.offline());
            assertTrue(e.getMessage().contains("does not match the published 00000000000000000000000000000000"),
                    e.getMessage());
            assertEquals(List.of(), listing(cache)); // neither the file nor a .part remains
        }
    }

    @Test
    void http404IsReportedWithTheUrl() throws Exception {
        Map<String, byte[]> files = new HashMap<>(TestFiles.tinyMnistGz());
        Map<String, String> md5 = TestFiles.md5Of(files);
        files.remove("t10k-images-idx3-ubyte.gz");
        try (TestFiles.Server server = new TestFiles.Server(files)) {
            IdxDownloader d = new IdxDownloader(List.of(server.base()), md5, false, log);
            IdxDownloader.DownloadFailure e = assertThrows(IdxDownloader.DownloadFailure.class, () -> d.fetchAll(cache));
            assertTrue(e.getMessage().contains(server.base() + "t10k-images-idx3-ubyte.gz: HTTP 404"), e.getMessage());
            assertFalse(e.offline());
            assertFalse(Files.exists(cache.resolve("t10k-images-idx3-ubyte.gz")));
        }
    }

    @Test
    void secondMirrorIsTriedWhenTheFirstFails() throws Exception {
        Map<String, byte[]> files = TestFiles.tinyMnistGz();
        try (TestFiles.Server empty = new TestFiles.Server(Map.of());
             TestFiles.Server good = new TestFiles.Server(files)) {
            IdxDownloader d = new IdxDownloader(List.of(empty.base(), good.base()), TestFiles.md5Of(files), false, log);
            d.fetchAll(cache);
            assertEquals(1, empty.requestsFor("train-images-idx3-ubyte.gz"));
            assertTrue(Files.exists(cache.resolve("train-images-idx3-ubyte.gz")));
        }
    }

    @Test
    void unreachableMirrorCountsAsOffline() throws Exception {
        URI closed;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = URI.create("http://127.0.0.1:" + s.getLocalPort() + "/data/");
        } // the port is closed now: connections are refused
        IdxDownloader d = new IdxDownloader(List.of(closed), TestFiles.md5Of(TestFiles.tinyMnistGz()), false, log);
        IdxDownloader.DownloadFailure e = assertThrows(IdxDownloader.DownloadFailure.class, () -> d.fetchAll(cache));
        assertTrue(e.offline(), e.getMessage());
        assertTrue(e.getMessage().contains("connection refused"), e.getMessage());
    }

    /** A server whose one file sends its headers, then {@code bytes} single bytes {@code gapMillis} apart. */
    private static com.sun.net.httpserver.HttpServer trickle(int bytes, long gapMillis) throws IOException {
        com.sun.net.httpserver.HttpServer http = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/data/", exchange -> {
            exchange.sendResponseHeaders(200, 10_000);
            try (java.io.OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < bytes; i++) {
                    out.write(1);
                    out.flush();
                    Thread.sleep(gapMillis);
                }
            } catch (InterruptedException | IOException e) {
                // the client gave up, as it should
            }
            exchange.close();
        });
        http.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r);
            t.setDaemon(true);
            return t;
        }));
        http.start();
        return http;
    }

    private IdxDownloader.DownloadFailure fetchFrom(com.sun.net.httpserver.HttpServer http, IdxDownloader.Pace pace) {
        URI base = URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/data/");
        IdxDownloader d = new IdxDownloader(List.of(base), Map.of("train-images-idx3-ubyte.gz", "0".repeat(32)),
                false, log, pace);
        return assertThrows(IdxDownloader.DownloadFailure.class, () -> d.fetchAll(cache));
    }

    @Test
    void aStalledBodyIsAbandonedAndItsPartialFileRemoved() throws Exception {
        com.sun.net.httpserver.HttpServer http = trickle(1, 60_000); // one byte, then silence
        try {
            long t0 = System.nanoTime();
            IdxDownloader.DownloadFailure e = fetchFrom(http,
                    new IdxDownloader.Pace(java.time.Duration.ofMillis(300), 0, java.time.Duration.ofHours(1)));
            assertTrue(e.getMessage().contains("no data arrived for"), e.getMessage());
            assertTrue((System.nanoTime() - t0) / 1e9 < 20, "gave up long before the server's 60 s silence ended");
            assertEquals(List.of(), listing(cache), "no partial file is left");
        } finally {
            http.stop(0);
        }
    }

    @Test
    void aTricklingBodyIsAbandonedForItsRate() throws Exception {
        com.sun.net.httpserver.HttpServer http = trickle(10_000, 50); // 20 bytes/s, never silent for long
        try {
            IdxDownloader.DownloadFailure e = fetchFrom(http,
                    new IdxDownloader.Pace(java.time.Duration.ofSeconds(5), 1000, java.time.Duration.ofMillis(600)));
            assertTrue(e.getMessage().contains("bytes/s over the last"), e.getMessage());
            assertEquals(List.of(), listing(cache), "no partial file is left");
        } finally {
            http.stop(0);
        }
    }
}
