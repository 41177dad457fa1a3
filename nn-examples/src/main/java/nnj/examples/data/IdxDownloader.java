package nnj.examples.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Downloads files into a directory and checks each against a published MD5 before it gets its
 * final name: the data goes to a temporary file beside the target and is moved into place only
 * when complete and verified, so an interrupted or corrupt download never leaves a file that
 * looks finished.
 */
final class IdxDownloader {
    /** A guard against a mirror that streams forever: the largest MNIST-like file is 26 MiB. */
    static final long MAX_BYTES = 256L << 20;

    private final List<URI> mirrors;
    private final Map<String, String> md5ByFile;
    private final boolean progress;
    private final PrintStream log;
    private final HttpClient http;
    private final Pace pace;

    /**
     * When a download gives up: no byte for {@code stall}, or fewer than {@code minBytesPerSecond}
     * on average over a whole {@code window}. The request timeout covers only the headers; these
     * cover the body, so that a server that trickles cannot hold nnj forever.
     */
    record Pace(Duration stall, long minBytesPerSecond, Duration window) {
        /** No byte for 30 s, or under 1 KB/s for a minute. */
        static final Pace DEFAULT = new Pace(Duration.ofSeconds(30), 1000, Duration.ofMinutes(1));
    }

    /**
     * @param mirrors   base URLs (ending in '/'), tried in order for each file
     * @param md5ByFile the expected MD5 (lower-case hex) of each file to fetch, by file name
     * @param progress  whether to draw a progress bar
     * @param log       where progress and notes go (stderr)
     */
    IdxDownloader(List<URI> mirrors, Map<String, String> md5ByFile, boolean progress, PrintStream log) {
        this(mirrors, md5ByFile, progress, log, Pace.DEFAULT);
    }

    /** As above, with the limits on a slow body (tests shorten them). */
    IdxDownloader(List<URI> mirrors, Map<String, String> md5ByFile, boolean progress, PrintStream log, Pace pace) {
        this.pace = pace;
        this.mirrors = List.copyOf(mirrors);
        this.md5ByFile = new TreeMap<>(IdxDownloader::standardOrder);
        this.md5ByFile.putAll(md5ByFile);
        this.progress = progress;
        this.log = log;
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(15))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /** Training files before test files, images before labels; other names after, by name. */
    private static int standardOrder(String a, String b) {
        int c = Integer.compare(rank(a), rank(b));
        return c != 0 ? c : a.compareTo(b);
    }

    private static int rank(String file) {
        int i = nnj.data.IdxDirectory.STANDARD_NAMES.indexOf(file.replaceFirst("\\.gz$", ""));
        return i < 0 ? Integer.MAX_VALUE : i;
    }

    /** The files of {@code dir} that are missing or do not match their MD5. */
    List<String> filesToFetch(Path dir) throws IOException {
        List<String> todo = new ArrayList<>();
        for (Map.Entry<String, String> e : md5ByFile.entrySet()) {
            Path f = dir.resolve(e.getKey());
            if (!Files.isRegularFile(f)) {
                todo.add(e.getKey());
            } else if (!Md5.of(f).equals(e.getValue())) {
                log.println("nnj: " + f + " does not match its published MD5; downloading it again");
                todo.add(e.getKey());
            }
        }
        return todo;
    }

    /**
     * Makes every file present and verified in {@code dir}, downloading what is missing.
     *
     * @throws DownloadFailure listing, per mirror, why the first file that could not be fetched
     *                         failed; {@link DownloadFailure#offline()} tells whether no mirror
     *                         could be reached at all
     */
    void fetchAll(Path dir) throws IOException, DownloadFailure {
        Files.createDirectories(dir);
        for (String file : filesToFetch(dir)) {
            fetch(dir, file);
        }
    }

    /** Downloads one file from the first mirror that serves it with the right MD5. */
    void fetch(Path dir, String file) throws DownloadFailure {
        List<String> failures = new ArrayList<>();
        boolean reachedAny = false;
        for (URI mirror : mirrors) {
            URI uri = mirror.resolve(file);
            try {
                download(uri, dir, file);
                return;
            } catch (ChecksumMismatch | HttpStatus e) {
                reachedAny = true;
                failures.add(e.getMessage());
            } catch (IOException e) {
                failures.add(uri + ": " + describe(e));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DownloadFailure(List.of(uri + ": interrupted"), false);
            }
        }
        throw new DownloadFailure(failures, !reachedAny);
    }

    private void download(URI uri, Path dir, String file) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).GET().build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new HttpStatus(uri + ": HTTP " + response.statusCode());
            }
            long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (length > MAX_BYTES) {
                throw new HttpStatus(uri + ": the server announces " + length + " bytes, far more than this file has");
            }
            Path target = dir.resolve(file);
            Path temp = Files.createTempFile(dir, file + ".", ".part");
            try {
                String md5 = copy(body, temp, length, file);
                String expected = md5ByFile.get(file);
                if (!md5.equals(expected)) {
                    throw new ChecksumMismatch(uri + ": MD5 " + md5 + " does not match the published " + expected
                            + " (a damaged download, or the mirror serves another file)");
                }
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temp); // gone already after a successful move
            }
        }
    }

    /**
     * Copies the body to {@code temp}, returning its MD5. A watchdog closes the body when it stalls
     * or crawls (see {@link Pace}), which ends the blocked read; the reason is then reported.
     */
    private String copy(InputStream body, Path temp, long length, String file) throws IOException {
        MessageDigest md = Md5.newDigest();
        byte[] buffer = new byte[1 << 16];
        long total = 0;
        Watchdog watchdog = new Watchdog(body, pace, file);
        try (OutputStream out = Files.newOutputStream(temp);
             ConsoleProgress bar = ConsoleProgress.bytes(file, length, progress, log);
             watchdog) {
            int n;
            while (true) {
                try {
                    n = body.read(buffer);
                } catch (IOException e) {
                    if (watchdog.reason() != null) {
                        throw new HttpStatus(watchdog.reason());
                    }
                    throw e;
                }
                if (n <= 0) {
                    break;
                }
                watchdog.received(n);
                total += n;
                if (total > MAX_BYTES) {
                    throw new HttpStatus("download of " + file + " exceeded " + MAX_BYTES + " bytes; stopped");
                }
                md.update(buffer, 0, n);
                out.write(buffer, 0, n);
                bar.step(n);
            }
        }
        if (watchdog.reason() != null) { // closed by the watchdog just as the stream ended
            throw new HttpStatus(watchdog.reason());
        }
        if (length >= 0 && total != length) {
            throw new HttpStatus("download of " + file + " ended after " + total + " of " + length + " bytes");
        }
        return Md5.hex(md.digest());
    }

    /**
     * A network failure in words, e.g. "connection refused" or "host not found (no.such.host)":
     * the kind from the exception and its causes, never a Java class name.
     */
    static String describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = t.getMessage() == null ? "" : t.getMessage();
            if (t instanceof java.net.ConnectException) {
                return "connection refused";
            }
            if (t instanceof java.net.UnknownHostException || t instanceof java.nio.channels.UnresolvedAddressException) {
                return "host not found" + (m.isBlank() ? "" : " (" + m + ")");
            }
            if (t instanceof java.net.http.HttpTimeoutException || t instanceof java.net.SocketTimeoutException) {
                return "timed out";
            }
            if (t instanceof javax.net.ssl.SSLException) {
                return "secure connection failed" + (m.isBlank() ? "" : " (" + m + ")");
            }
        }
        String m = e.getMessage();
        return "network error" + (m == null || m.isBlank() ? "" : " (" + m + ")");
    }

    /**
     * Watches one body: a daemon timer checks every {@link Pace#stall()}/10 whether bytes still
     * arrive fast enough and, if not, records why and closes the stream. Closing it (at the end)
     * stops the timer.
     */
    private static final class Watchdog implements AutoCloseable {
        private final java.util.concurrent.ScheduledExecutorService timer;
        private final InputStream body;
        private final Pace pace;
        private final String file;
        private final long start = System.nanoTime();
        private final java.util.concurrent.atomic.AtomicLong total = new java.util.concurrent.atomic.AtomicLong();
        private volatile long lastByte = System.nanoTime();
        private long windowStart = start;
        private long windowBytes;
        private volatile String reason;

        Watchdog(InputStream body, Pace pace, String file) {
            this.body = body;
            this.pace = pace;
            this.file = file;
            this.timer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "nnj-download-watchdog");
                t.setDaemon(true);
                return t;
            });
            long period = Math.max(1, pace.stall().toMillis() / 10);
            timer.scheduleAtFixedRate(this::check, period, period, java.util.concurrent.TimeUnit.MILLISECONDS);
        }

        void received(int n) {
            total.addAndGet(n);
            lastByte = System.nanoTime();
        }

        String reason() {
            return reason;
        }

        private void check() {
            long now = System.nanoTime();
            if (now - lastByte > pace.stall().toNanos()) {
                stop("no data arrived for " + pace.stall().toSeconds() + " s after " + total.get() + " bytes");
                return;
            }
            if (now - windowStart >= pace.window().toNanos()) {
                long bytes = total.get() - windowBytes;
                double rate = bytes / ((now - windowStart) / 1e9);
                if (rate < pace.minBytesPerSecond()) {
                    stop(String.format(java.util.Locale.ROOT, "only %.0f bytes/s over the last %d s (less than %d)",
                            rate, pace.window().toSeconds(), pace.minBytesPerSecond()));
                    return;
                }
                windowStart = now;
                windowBytes = total.get();
            }
        }

        private void stop(String why) {
            reason = "download of " + file + " gave up: " + why + "; the partial file was removed (try again later,"
                    + " or another mirror)";
            try {
                body.close(); // ends the blocked read in the downloading thread
            } catch (IOException e) {
                // The stream is being abandoned either way.
            }
            timer.shutdown();
        }

        @Override
        public void close() {
            timer.shutdownNow();
        }
    }

    /** The server answered but not with the file (an HTTP error, or a short or oversized body). */
    static final class HttpStatus extends IOException {
        private static final long serialVersionUID = 1L;

        HttpStatus(String message) {
            super(message);
        }
    }

    /** The file arrived but its MD5 is not the published one. */
    static final class ChecksumMismatch extends IOException {
        private static final long serialVersionUID = 1L;

        ChecksumMismatch(String message) {
            super(message);
        }
    }

    /** No mirror delivered a verified file. */
    static final class DownloadFailure extends Exception {
        private static final long serialVersionUID = 1L;
        private final List<String> reasons;
        private final boolean offline;

        DownloadFailure(List<String> reasons, boolean offline) {
            super(String.join("; ", reasons));
            this.reasons = List.copyOf(reasons);
            this.offline = offline;
        }

        /** One line per mirror tried. */
        List<String> reasons() {
            return reasons;
        }

        /** True when no mirror answered at all (no network, or all unreachable). */
        boolean offline() {
            return offline;
        }
    }
}
