package nnj.api.io;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
 * length, the JSON, each dtype, shape and offset range, that the ranges neither overlap nor leave
 * holes, and that they end exactly at the end of the file. A file that fails any check is refused
 * with a {@link MalformedModelFileException} saying what is wrong. Writing goes to a temporary file
 * in the same directory, then moves it into place, so a crash never leaves half a file.
 *
 * <p>Stateless and thread-safe; concurrent writes to one path each move a complete file into place.
 */
public final class SafeTensors {
    /** The largest header accepted (the reference implementation's limit). */
    static final long MAX_HEADER_BYTES = 100L * 1024 * 1024;
    static final String METADATA_KEY = "__metadata__";
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
        JsonObject header = new JsonObject();
        JsonObject meta = new JsonObject();
        metadata.forEach(meta::addProperty);
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

    /** Reads and validates a file; see the class comment for the checks. */
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
                throw bad(path, "the header length " + headerLen + " exceeds the " + MAX_HEADER_BYTES + "-byte limit");
            }
            String json = StandardCharsets.UTF_8.decode(readExactly(ch, 8, (int) headerLen)).toString();
            long dataLen = fileSize - 8 - headerLen;
            Plan plan = parseHeader(path, json, dataLen);
            ByteBuffer data = readExactly(ch, 8 + headerLen, dataLen).order(ByteOrder.LITTLE_ENDIAN);
            Map<String, Entry> tensors = new LinkedHashMap<>();
            for (Planned p : plan.tensors) {
                float[] values = new float[(int) ((p.end - p.begin) / 4)];
                data.position((int) p.begin);
                data.asFloatBuffer().get(values);
                tensors.put(p.name, new Entry(p.name, p.shape, values));
            }
            return new Contents(Collections.unmodifiableMap(plan.metadata), Collections.unmodifiableMap(tensors));
        }
    }

    private record Planned(String name, int[] shape, long begin, long end) {
    }

    private record Plan(Map<String, String> metadata, List<Planned> tensors) {
    }

    /** Validates the whole header against the data length; allocates nothing per tensor's data. */
    private static Plan parseHeader(Path path, String json, long dataLen) throws MalformedModelFileException {
        JsonObject header;
        try {
            JsonElement root = JsonParser.parseString(json.trim());
            if (!root.isJsonObject()) {
                throw bad(path, "the header is JSON but not an object");
            }
            header = root.getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            throw bad(path, "the header is not valid JSON (" + e.getMessage() + ")");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        List<Planned> tensors = new ArrayList<>();
        for (Map.Entry<String, JsonElement> kv : header.entrySet()) {
            String name = kv.getKey();
            JsonElement v = kv.getValue();
            if (name.equals(METADATA_KEY)) {
                if (!v.isJsonObject()) {
                    throw bad(path, "__metadata__ must be an object of strings");
                }
                for (Map.Entry<String, JsonElement> m : v.getAsJsonObject().entrySet()) {
                    if (!m.getValue().isJsonPrimitive() || !m.getValue().getAsJsonPrimitive().isString()) {
                        throw bad(path, "__metadata__ value '" + m.getKey() + "' is not a string");
                    }
                    metadata.put(m.getKey(), m.getValue().getAsString());
                }
                continue;
            }
            tensors.add(parseTensor(path, name, v, dataLen));
        }
        List<Planned> byOffset = new ArrayList<>(tensors);
        byOffset.sort((a, b) -> Long.compare(a.begin, b.begin));
        long expected = 0;
        for (Planned p : byOffset) {
            if (p.begin != expected) {
                throw bad(path, "tensor " + p.name + " starts at byte " + p.begin + " of the data, but the previous "
                        + "tensor ends at " + expected + (p.begin < expected ? " (overlap)" : " (hole)"));
            }
            expected = p.end;
        }
        if (expected != dataLen) {
            throw bad(path, "the tensors cover " + expected + " bytes but the file holds " + dataLen
                    + " bytes of data (truncated, or extra bytes at the end)");
        }
        return new Plan(metadata, tensors);
    }

    private static Planned parseTensor(Path path, String name, JsonElement v, long dataLen)
            throws MalformedModelFileException {
        if (!v.isJsonObject()) {
            throw bad(path, "entry '" + name + "' is not an object");
        }
        JsonObject t = v.getAsJsonObject();
        JsonElement dtype = t.get("dtype");
        if (dtype == null || !dtype.isJsonPrimitive()) {
            throw bad(path, "tensor " + name + " has no dtype");
        }
        if (!dtype.getAsString().equals("F32")) {
            throw bad(path, "tensor " + name + " has dtype " + dtype.getAsString() + "; nnj reads only F32");
        }
        int[] shape = intArray(path, name, "shape", t.get("shape"), -1);
        long[] offsets = longArray(path, name, t.get("data_offsets"));
        if (shape.length > 4) {
            throw bad(path, "tensor " + name + " has rank " + shape.length + "; nnj supports rank 0 to 4");
        }
        long count = 1;
        for (int d : shape) {
            count *= d;
            if (count > Integer.MAX_VALUE - 8) {
                throw bad(path, "tensor " + name + " of shape " + Arrays.toString(shape) + " is too large");
            }
        }
        long begin = offsets[0];
        long end = offsets[1];
        if (begin > end || end > dataLen) {
            throw bad(path, "tensor " + name + " claims bytes [" + begin + ", " + end + ") but the data holds "
                    + dataLen + " bytes" + (end > dataLen ? " (the file is truncated, or its header lies)" : ""));
        }
        if (end - begin != count * 4) {
            throw bad(path, "tensor " + name + " of shape " + Arrays.toString(shape) + " needs " + (count * 4)
                    + " bytes but its offsets span " + (end - begin));
        }
        return new Planned(name, shape, begin, end);
    }

    private static int[] intArray(Path path, String tensor, String field, JsonElement e, int length)
            throws MalformedModelFileException {
        if (e == null || !e.isJsonArray()) {
            throw bad(path, "tensor " + tensor + " has no " + field + " array");
        }
        JsonArray a = e.getAsJsonArray();
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            long v = number(path, tensor, field, a.get(i));
            if (v > Integer.MAX_VALUE) {
                throw bad(path, "tensor " + tensor + " has " + field + " entry " + v + ", too large");
            }
            out[i] = (int) v;
        }
        return out;
    }

    private static long[] longArray(Path path, String tensor, JsonElement e) throws MalformedModelFileException {
        if (e == null || !e.isJsonArray() || e.getAsJsonArray().size() != 2) {
            throw bad(path, "tensor " + tensor + " needs data_offsets [begin, end]");
        }
        JsonArray a = e.getAsJsonArray();
        return new long[] {number(path, tensor, "data_offsets", a.get(0)), number(path, tensor, "data_offsets", a.get(1))};
    }

    private static long number(Path path, String tensor, String field, JsonElement e) throws MalformedModelFileException {
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            throw bad(path, "tensor " + tensor + " has a non-numeric " + field + " entry " + e);
        }
        java.math.BigDecimal d = e.getAsBigDecimal();
        if (d.signum() < 0 || d.scale() > 0 && d.stripTrailingZeros().scale() > 0
                || d.compareTo(java.math.BigDecimal.valueOf(Long.MAX_VALUE / 8)) > 0) {
            throw bad(path, "tensor " + tensor + " has " + field + " entry " + e + "; expected a non-negative integer");
        }
        return d.longValueExact();
    }

    private static ByteBuffer readExactly(FileChannel ch, long position, long length) throws IOException {
        if (length > Integer.MAX_VALUE - 8) {
            throw new IOException("a model file section of " + length + " bytes is larger than nnj can read at once");
        }
        ByteBuffer b = ByteBuffer.allocate((int) length);
        while (b.hasRemaining()) {
            int n = ch.read(b, position + b.position());
            if (n < 0) {
                throw new IOException("unexpected end of file at byte " + (position + b.position()));
            }
        }
        b.flip();
        return b;
    }

    private static MalformedModelFileException bad(Path path, String what) {
        return new MalformedModelFileException(path + " is not a valid safetensors model file: " + what);
    }
}
