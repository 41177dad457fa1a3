package nnj.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Builds small IDX files for tests. */
final class IdxFiles {
    private IdxFiles() {
    }

    /** An unsigned-byte IDX file image: magic 00 00 08 rank, the dims, then {@code data} as is. */
    static byte[] idx(int[] dims, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        b.put((byte) 0).put((byte) 0).put((byte) 0x08).put((byte) dims.length);
        for (int d : dims) {
            b.putInt(d);
        }
        b.put(data);
        return b.array();
    }

    /** Elements 0, 1, 2, … (mod 256) for the given dims. */
    static byte[] counting(int... dims) {
        int n = 1;
        for (int d : dims) {
            n *= d;
        }
        byte[] data = new byte[n];
        for (int i = 0; i < n; i++) {
            data[i] = (byte) i;
        }
        return idx(dims, data);
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

    static Path write(Path file, byte[] content) throws IOException {
        Files.write(file, content);
        return file;
    }

    /**
     * Writes a complete MNIST-like directory: {@code nTrain} and {@code nTest} images of
     * rows×cols pixels, with labels i % classes; gzip for the training files, raw for the test
     * files so that both paths are used.
     */
    static void writeDirectory(Path dir, int nTrain, int nTest, int rows, int cols, int classes) throws IOException {
        Files.createDirectories(dir);
        write(dir.resolve("train-images-idx3-ubyte.gz"), gzip(images(nTrain, rows, cols)));
        write(dir.resolve("train-labels-idx1-ubyte.gz"), gzip(labels(nTrain, classes)));
        write(dir.resolve("t10k-images-idx3-ubyte"), images(nTest, rows, cols));
        write(dir.resolve("t10k-labels-idx1-ubyte"), labels(nTest, classes));
    }

    /** Image i has pixel p = (i + p) mod 256. */
    static byte[] images(int n, int rows, int cols) {
        byte[] data = new byte[n * rows * cols];
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < rows * cols; p++) {
                data[i * rows * cols + p] = (byte) (i + p);
            }
        }
        return idx(new int[] {n, rows, cols}, data);
    }

    static byte[] labels(int n, int classes) {
        byte[] data = new byte[n];
        for (int i = 0; i < n; i++) {
            data[i] = (byte) (i % classes);
        }
        return idx(new int[] {n}, data);
    }
}
