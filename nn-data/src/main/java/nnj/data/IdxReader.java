package nnj.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files, the format of MNIST and Fashion-MNIST, raw or gzip-compressed (detected from
 * the first two bytes, not the file name).
 *
 * <p>An IDX file is a 4-byte magic {@code 00 00 TYPE RANK}, then RANK big-endian 32-bit
 * dimensions, then the elements row-major. Only TYPE {@code 0x08} (unsigned byte) is supported:
 * it is what the image and label files use.
 *
 * <p>Everything the header claims is checked against the file <em>before</em> the element array is
 * allocated: a corrupt or hostile header must not make the reader allocate gigabytes, and a
 * truncated download must be reported as such rather than read as zeros. For a gzip file the
 * decompressed length comes from the gzip trailer (ISIZE) when it agrees with the header, and is
 * otherwise counted by a streaming pass that stores nothing.
 *
 * <p>Thread safety: stateless; safe to call from several threads.
 */
public final class IdxReader {
    /** The IDX type code of unsigned bytes, the only one supported. */
    static final int UNSIGNED_BYTE = 0x08;
    /** More dimensions than any real IDX file has; a bigger rank means a corrupt header. */
    static final int MAX_RANK = 8;
    /** The longest Java array that all JVMs can allocate. */
    static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    private IdxReader() {
    }

    /**
     * Reads one IDX file of unsigned bytes.
     *
     * @throws DataFileException if the file is missing, unreadable, not IDX, of another element
     *                           type, truncated, or longer than its header says
     */
    public static IdxArray read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new DataFileException(file + ": no such file");
        }
        boolean gzip;
        try {
            gzip = isGzip(file);
        } catch (IOException e) {
            throw new DataFileException(file + ": cannot read it (" + e + ")", e);
        }
        String what = gzip ? file + " (gzip)" : file.toString();
        try (InputStream in = open(file, gzip)) {
            int[] dims = readHeader(in, what);
            long elements = elementCount(dims, what);
            long headerBytes = 4L + 4L * dims.length;
            long available = dataBytesAfterHeader(file, gzip, headerBytes + elements, headerBytes);
            checkLength(what, dims, elements, available, gzip);
            nnj.api.io.MemoryBudget.shortfall(what + ": its " + shape(dims) + " elements", elements)
                    .ifPresent(msg -> {
                        throw new DataFileException(msg);
                    });
            byte[] data = new byte[(int) elements];
            int got = in.readNBytes(data, 0, data.length);
            if (got < data.length) {
                throw truncated(what, dims, elements, got, gzip);
            }
            long extra = in.transferTo(OutputStream.nullOutputStream());
            if (extra > 0) {
                throw tooLong(what, dims, elements, extra, gzip);
            }
            return new IdxArray(dims, data);
        } catch (EOFException e) {
            throw new DataFileException(what + ": truncated: the compressed data ends early"
                    + " (an incomplete download? delete the file and fetch it again)", e);
        } catch (ZipException e) {
            throw new DataFileException(what + ": corrupt gzip data (" + e.getMessage()
                    + "); delete the file and fetch it again", e);
        } catch (IOException e) {
            throw new DataFileException(what + ": cannot read it (" + e + ")", e);
        }
    }

    /**
     * The dimensions a file's header declares, read and checked (magic, type, rank, sizes) without
     * reading the data: what a caller needs to budget memory before reading.
     */
    public static int[] dimensions(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new DataFileException(file + ": no such file");
        }
        try {
            boolean gzip = isGzip(file);
            String what = gzip ? file + " (gzip)" : file.toString();
            try (InputStream in = open(file, gzip)) {
                int[] dims = readHeader(in, what);
                elementCount(dims, what);
                return dims;
            }
        } catch (EOFException e) {
            throw new DataFileException(file + ": truncated: the compressed data ends early"
                    + " (an incomplete download? delete the file and fetch it again)", e);
        } catch (ZipException e) {
            throw new DataFileException(file + ": corrupt gzip data; delete the file and fetch it again", e);
        } catch (IOException e) {
            throw new DataFileException(file + ": cannot read it (" + e.getMessage() + ")", e);
        }
    }

    /** Whether the file starts with the gzip magic {@code 1f 8b}. */
    static boolean isGzip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        }
    }

    private static InputStream open(Path file, boolean gzip) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        return gzip ? new GZIPInputStream(raw, 1 << 16) : raw;
    }

    /** Reads and checks the magic and the dimensions. */
    private static int[] readHeader(InputStream in, String what) throws IOException {
        byte[] magic = in.readNBytes(4);
        if (magic.length < 4) {
            throw new DataFileException(what + ": truncated: " + magic.length
                    + " bytes, shorter than the 4-byte IDX magic number");
        }
        if (magic[0] != 0 || magic[1] != 0) {
            throw new DataFileException(what + ": not an IDX file: it starts with " + hex(magic)
                    + ", but an IDX file starts with 00 00 <type> <rank>");
        }
        int type = magic[2] & 0xff;
        if (type != UNSIGNED_BYTE) {
            throw new DataFileException(what + ": IDX element type 0x" + String.format("%02x", type)
                    + " (" + typeName(type) + ") is not supported; nnj reads unsigned-byte IDX files (type 0x08),"
                    + " as MNIST and Fashion-MNIST use");
        }
        int rank = magic[3] & 0xff;
        if (rank < 1 || rank > MAX_RANK) {
            throw new DataFileException(what + ": IDX rank " + rank + " is outside 1.." + MAX_RANK
                    + "; the header is corrupt");
        }
        byte[] raw = in.readNBytes(4 * rank);
        if (raw.length < 4 * rank) {
            throw new DataFileException(what + ": truncated: the header declares " + rank
                    + " dimensions but the file ends after " + (4 + raw.length) + " bytes");
        }
        int[] dims = new int[rank];
        for (int d = 0; d < rank; d++) {
            long size = ((raw[4 * d] & 0xffL) << 24) | ((raw[4 * d + 1] & 0xffL) << 16)
                    | ((raw[4 * d + 2] & 0xffL) << 8) | (raw[4 * d + 3] & 0xffL);
            if (size == 0) {
                throw new DataFileException(what + ": dimension " + d + " of " + rank + " is 0, so the file holds"
                        + " no data");
            }
            if (size > MAX_ELEMENTS) {
                throw new DataFileException(what + ": dimension " + d + " is " + size
                        + ", more than any array can hold; the header is corrupt");
            }
            dims[d] = (int) size;
        }
        return dims;
    }

    /** The product of the dimensions, refused when no Java array could hold it. */
    private static long elementCount(int[] dims, String what) {
        long n = 1;
        for (int d : dims) {
            n *= d; // each factor < 2^31 and the running product ≤ MAX_ELEMENTS, so no overflow
            if (n > MAX_ELEMENTS) {
                throw new DataFileException(what + ": the header claims " + shape(dims)
                        + " elements, more than a Java array can hold (" + MAX_ELEMENTS + "); the header is corrupt");
            }
        }
        return n;
    }

    /**
     * How many bytes follow the header: exact for a raw file (its size); for gzip, the trailer's
     * ISIZE when it matches what the header expects, else an exact count by streaming.
     */
    private static long dataBytesAfterHeader(Path file, boolean gzip, long expectedTotal, long headerBytes)
            throws IOException {
        if (!gzip) {
            return Files.size(file) - headerBytes;
        }
        long isize = gzipTrailerSize(file);
        if (isize == (expectedTotal & 0xffffffffL)) {
            return expectedTotal - headerBytes; // confirmed again while reading: short data is still caught
        }
        try (InputStream in = open(file, true)) {
            return in.transferTo(OutputStream.nullOutputStream()) - headerBytes;
        }
    }

    /** The last four bytes of a gzip file: the uncompressed size modulo 2^32 (RFC 1952), or -1. */
    private static long gzipTrailerSize(Path file) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            long length = f.length();
            if (length < 18) { // 10-byte header + 8-byte trailer is the smallest gzip member
                return -1;
            }
            f.seek(length - 4);
            byte[] b = new byte[4];
            f.readFully(b);
            return (b[0] & 0xffL) | (b[1] & 0xffL) << 8 | (b[2] & 0xffL) << 16 | (b[3] & 0xffL) << 24;
        }
    }

    private static void checkLength(String what, int[] dims, long elements, long available, boolean gzip) {
        if (available < elements) {
            throw truncated(what, dims, elements, Math.max(0, available), gzip);
        }
        if (available > elements) {
            throw tooLong(what, dims, elements, available - elements, gzip);
        }
    }

    private static DataFileException truncated(String what, int[] dims, long elements, long available,
                                               boolean gzip) {
        return new DataFileException(what + ": truncated: the header promises " + shape(dims) + " = " + elements
                + " bytes of data, but the " + (gzip ? "decompressed " : "") + "file holds only " + available
                + " after the header (an incomplete download? delete the file and fetch it again)");
    }

    private static DataFileException tooLong(String what, int[] dims, long elements, long extra, boolean gzip) {
        return new DataFileException(what + ": the " + (gzip ? "decompressed " : "") + "file has " + extra
                + " bytes more than the header's " + shape(dims) + " = " + elements
                + " bytes of data; the header does not describe this file");
    }

    static String shape(int[] dims) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < dims.length; i++) {
            s.append(i == 0 ? "" : "×").append(dims[i]);
        }
        return s.toString();
    }

    private static String hex(byte[] bytes) {
        StringBuilder s = new StringBuilder();
        for (byte b : bytes) {
            s.append(s.length() == 0 ? "" : " ").append(String.format("%02x", b & 0xff));
        }
        return s.toString();
    }

    private static String typeName(int type) {
        switch (type) {
            case 0x09: return "signed byte";
            case 0x0B: return "16-bit integer";
            case 0x0C: return "32-bit integer";
            case 0x0D: return "32-bit float";
            case 0x0E: return "64-bit float";
            default: return "not an IDX type";
        }
    }
}
