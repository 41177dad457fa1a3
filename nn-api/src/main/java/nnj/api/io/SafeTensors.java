package nnj.api.io;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes the <a href="https://github.com/huggingface/safetensors">safetensors</a> format,
 * for float32 tensors:
 * <pre>
 * [8 bytes: header length N, unsigned little-endian]
 * [N bytes: UTF-8 JSON {"__metadata__": {string: string}, name: {"dtype": "F32", "shape": [...],
 *            "data_offsets": [begin, end]}, ...}, padded with spaces]
 * [data: each tensor's bytes, little-endian, row-major; offsets relative to the data start]
 * </pre>
 *
 * <p>Reading checks everything before it allocates a tensor: the header length against the file
 * length and the heap, the JSON (strict, streamed, with bounded nesting and array lengths), each
 * dtype, shape and offset range, that the ranges neither overlap nor leave holes, that they end
 * exactly at the end of the file, and that the tensor bytes fit in the heap. Writing records a
 * SHA-256 ({@value #DIGEST_KEY}) over the metadata, the layout and the bytes; reading checks it. A file that fails any check is refused
 * with a {@link MalformedModelFileException} saying what is wrong. Writing goes to a temporary file
 * in the same directory, then moves it into place, so a crash never leaves half a file.
 *
 * <p>Stateless and thread-safe; concurrent writes to one path each move a complete file into place.
 */
public final class SafeTensors {
    /** The largest header accepted (the reference implementation's limit). */
    static final long MAX_HEADER_BYTES = 100L * 1024 * 1024;
    static final String METADATA_KEY = "__metadata__";
    /**
     * The metadata key of the SHA-256 that {@link #write} records over the canonical metadata, the
     * tensors' layout and their bytes, and that {@link #read} checks when present.
     */
    public static final String DIGEST_KEY = "sha256";
    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    private SafeTensors() {
    }

    /** One float32 tensor: its name, shape and row-major values. */
    public record Entry(String name, int[] shape, float[] data) {
        /** Checks that the values fill the shape. */
        public Entry {
            long size = 1;
            for (int d : shape) {
                size *= d;
            }
            if (size != data.length) {
                throw new IllegalArgumentException("tensor " + name + " of shape " + Arrays.toString(shape)
                        + " needs " + size + " values, got " + data.length);
            }
        }
    }

    /** A file's metadata and tensors, in the file's order. */
    public record Contents(Map<String, String> metadata, Map<String, Entry> tensors) {
    }

    // --------------------------------------------------------------------------------- writing

    /** Writes {@code tensors} and {@code metadata} to {@code path} atomically (temp file + move). */
    public static void write(Path path, Map<String, String> metadata, List<Entry> tensors) throws IOException {
        List<SafeTensorsHeader.Planned> planned = new ArrayList<>();
        long at = 0;
        for (Entry e : tensors) {
            planned.add(new SafeTensorsHeader.Planned(e.name(), e.shape(), at, at + 4L * e.data().length));
            at += 4L * e.data().length;
        }
        MessageDigest digest = sha256();
        digest.update(canonical(metadata, planned));
        ByteBuffer floats = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        for (Entry e : tensors) {
            for (float v : e.data()) {
                if (floats.remaining() < 4) {
                    floats.flip();
                    digest.update(floats);
                    floats.clear();
                }
                floats.putFloat(v);
            }
        }
        floats.flip();
        digest.update(floats);
        JsonObject header = new JsonObject();
        JsonObject meta = new JsonObject();
        metadata.forEach(meta::addProperty);
        meta.addProperty(DIGEST_KEY, hex(digest.digest()));
        header.add(METADATA_KEY, meta);
        long offset = 0;
        for (Entry e : tensors) {
            if (header.has(e.name())) {
                throw new IllegalArgumentException("two tensors are named " + e.name());
            }
            JsonObject t = new JsonObject();
            t.addProperty("dtype", "F32");
            JsonArray shape = new JsonArray();
            for (int d : e.shape()) {
                shape.add(d);
            }
            t.add("shape", shape);
            JsonArray offsets = new JsonArray();
            offsets.add(offset);
            offset += 4L * e.data().length;
            offsets.add(offset);
            t.add("data_offsets", offsets);
            header.add(e.name(), t);
        }
        byte[] json = GSON.toJson(header).getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8; // keeps the data 8-byte aligned, as the spec recommends
        ByteBuffer head = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
        head.putLong(padded).put(json);
        while (head.hasRemaining()) {
            head.put((byte) ' ');
        }
        head.flip();

        AtomicFiles.write(path, ch -> {
            AtomicFiles.writeFully(ch, head);
            ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
            for (Entry e : tensors) {
                for (float v : e.data()) {
                    if (buf.remaining() < 4) {
                        buf.flip();
                        AtomicFiles.writeFully(ch, buf);
                        buf.clear();
                    }
                    buf.putFloat(v);
                }
            }
            buf.flip();
            AtomicFiles.writeFully(ch, buf);
        });
    }

    // --------------------------------------------------------------------------------- reading

    /**
     * Reads and validates a file; see the class comment for the checks. Nothing is allocated in
     * proportion to what the header claims until the whole header has been checked against the
     * file's size and the heap.
     */
    public static Contents read(Path path) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long fileSize = ch.size();
            if (fileSize < 8) {
                throw bad(path, "it is " + fileSize + " bytes long, shorter than the 8-byte header length");
            }
            ByteBuffer lenBuf = readExactly(ch, 0, 8).order(ByteOrder.LITTLE_ENDIAN);
            long headerLen = lenBuf.getLong();
            if (headerLen < 2 || headerLen > fileSize - 8) {
                throw bad(path, "the header length field says " + Long.toUnsignedString(headerLen)
                        + " bytes, but the file has only " + (fileSize - 8) + " bytes after it (truncated or not a safetensors file)");
            }
            if (headerLen > MAX_HEADER_BYTES) {
                throw bad(path, "the header declares " + headerLen + " bytes, more than the " + MAX_HEADER_BYTES
                        + "-byte limit of the format");
            }
            // A parsed header holds its strings as chars: up to twice its bytes, plus the parser's buffer.
            MemoryBudget.require(path + ": the model file's header", 2 * headerLen + (1 << 16));
            long dataLen = fileSize - 8 - headerLen;
            ch.position(8);
            InputStream headerIn = new BoundedInputStream(Channels.newInputStream(ch), headerLen);
            SafeTensorsHeader.Plan plan = SafeTensorsHeader.parse(path,
                    new InputStreamReader(headerIn, StandardCharsets.UTF_8.newDecoder()), dataLen);
            MemoryBudget.require(path + ": the model file's tensors", dataLen);
            MessageDigest digest = sha256();
            digest.update(canonical(plan.metadata(), plan.tensors()));
            List<SafeTensorsHeader.Planned> byOffset = new ArrayList<>(plan.tensors());
            byOffset.sort((a, b) -> Long.compare(a.begin(), b.begin()));
            ByteBuffer chunk = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
            long position = 8 + headerLen;
            Map<String, float[]> values = new LinkedHashMap<>();
            for (SafeTensorsHeader.Planned p : byOffset) {
                float[] v = new float[(int) ((p.end() - p.begin()) / 4)];
                int k = 0;
                while (k < v.length) {
                    chunk.clear();
                    chunk.limit((int) Math.min(chunk.capacity(), 4L * (v.length - k)));
                    while (chunk.hasRemaining()) {
                        int n = ch.read(chunk, position + chunk.position());
                        if (n < 0) {
                            throw bad(path, "the file ended while reading tensor " + p.name()
                                    + " (was it changed while being read?)");
                        }
                    }
                    position += chunk.position();
                    chunk.flip();
                    digest.update(chunk.duplicate());
                    int floats = chunk.remaining() / 4;
                    chunk.asFloatBuffer().get(v, k, floats);
                    k += floats;
                }
                values.put(p.name(), v);
            }
            String recorded = plan.metadata().get(DIGEST_KEY);
            if (recorded != null && !recorded.equalsIgnoreCase(hex(digest.digest()))) {
                throw bad(path, "its bytes do not match the SHA-256 recorded in its metadata: the tensors or the"
                        + " metadata were changed after nnj wrote it");
            }
            Map<String, Entry> tensors = new LinkedHashMap<>();
            for (SafeTensorsHeader.Planned p : plan.tensors()) {
                tensors.put(p.name(), new Entry(p.name(), p.shape(), values.get(p.name())));
            }
            return new Contents(Collections.unmodifiableMap(plan.metadata()), Collections.unmodifiableMap(tensors));
        }
    }

    /**
     * The bytes the digest covers before the tensor data: every metadata entry but the digest,
     * sorted by key, then every tensor's name, shape and offsets in file order; each string
     * length-prefixed so that no two different headers give the same bytes.
     */
    static byte[] canonical(Map<String, String> metadata, List<SafeTensorsHeader.Planned> tensors) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.io.DataOutputStream out = new java.io.DataOutputStream(bytes);
        try {
            java.util.TreeMap<String, String> sorted = new java.util.TreeMap<>(metadata);
            sorted.remove(DIGEST_KEY);
            out.writeInt(sorted.size());
            for (Map.Entry<String, String> kv : sorted.entrySet()) {
                writeString(out, kv.getKey());
                writeString(out, kv.getValue());
            }
            out.writeInt(tensors.size());
            for (SafeTensorsHeader.Planned t : tensors) {
                writeString(out, t.name());
                out.writeInt(t.shape().length);
                for (int d : t.shape()) {
                    out.writeInt(d);
                }
                out.writeLong(t.begin());
                out.writeLong(t.end());
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return bytes.toByteArray();
    }

    private static void writeString(java.io.DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-256", e);
        }
    }

    static String hex(byte[] bytes) {
        StringBuilder s = new StringBuilder(2 * bytes.length);
        for (byte b : bytes) {
            s.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return s.toString();
    }

    private static ByteBuffer readExactly(FileChannel ch, long position, int length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length);
        while (b.hasRemaining()) {
            int n = ch.read(b, position + b.position());
            if (n < 0) {
                throw new IOException("unexpected end of file at byte " + (position + b.position()));
            }
        }
        b.flip();
        return b;
    }

    static MalformedModelFileException bad(Path path, String what) {
        return new MalformedModelFileException(path + " is not a valid safetensors model file: " + what);
    }
}
