package nnj.api.io;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.MalformedJsonException;
import java.io.EOFException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses a safetensors header as a stream of strict JSON tokens, checking each against the
 * format as it arrives: the nesting is the format's own (object, tensor object, short arrays), so
 * no input can nest deeper; a shape longer than {@value #MAX_RANK} or an offset pair longer than
 * two is refused at its first extra entry, and a value of the wrong kind at once. Nothing is
 * built from the header but its metadata strings and one small record per tensor.
 *
 * <p>Thread safety: stateless.
 */
final class SafeTensorsHeader {
    /** The highest tensor rank nnj reads. */
    static final int MAX_RANK = 4;

    private SafeTensorsHeader() {
    }

    /** One tensor as the header describes it; its bytes are [begin, end) of the data section. */
    record Planned(String name, int[] shape, long begin, long end) {
    }

    /** A validated header. */
    record Plan(Map<String, String> metadata, List<Planned> tensors) {
    }

    /** Parses and validates; the tensors must tile [0, dataLen) exactly. */
    static Plan parse(Path path, Reader json, long dataLen) throws MalformedModelFileException {
        JsonReader in = new JsonReader(json);
        in.setStrictness(Strictness.STRICT);
        in.setNestingLimit(4);
        Map<String, String> metadata = new LinkedHashMap<>();
        List<Planned> tensors = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        try {
            expect(path, in, JsonToken.BEGIN_OBJECT, "the header to be a JSON object,");
            in.beginObject();
            while (in.hasNext()) {
                String name = in.nextName();
                if (!seen.add(name)) {
                    throw SafeTensors.bad(path, "the header names '" + shorten(name) + "' twice");
                }
                if (name.equals(SafeTensors.METADATA_KEY)) {
                    readMetadata(path, in, metadata);
                } else {
                    tensors.add(readTensor(path, in, name, dataLen));
                }
            }
            in.endObject();
            if (in.peek() != JsonToken.END_DOCUMENT) {
                throw SafeTensors.bad(path, "the header has more after its JSON object");
            }
        } catch (CharacterCodingException e) {
            throw SafeTensors.bad(path, "the header is not valid UTF-8 text");
        } catch (MalformedJsonException | EOFException | IllegalStateException e) {
            throw SafeTensors.bad(path, "the header is not valid JSON (" + where(in) + ")");
        } catch (MalformedModelFileException e) {
            throw e;
        } catch (IOException e) {
            throw SafeTensors.bad(path, "the header cannot be read (" + e.getMessage() + ")");
        }
        checkTiling(path, tensors, dataLen);
        return new Plan(metadata, tensors);
    }

    private static void readMetadata(Path path, JsonReader in, Map<String, String> metadata) throws IOException {
        expect(path, in, JsonToken.BEGIN_OBJECT, "__metadata__ (an object of strings)");
        in.beginObject();
        while (in.hasNext()) {
            String key = in.nextName();
            expect(path, in, JsonToken.STRING, "__metadata__ value '" + shorten(key) + "' (a string)");
            if (metadata.put(key, in.nextString()) != null) {
                throw SafeTensors.bad(path, "__metadata__ names '" + shorten(key) + "' twice");
            }
        }
        in.endObject();
    }

    private static Planned readTensor(Path path, JsonReader in, String name, long dataLen) throws IOException {
        expect(path, in, JsonToken.BEGIN_OBJECT, "entry '" + shorten(name) + "' (an object)");
        in.beginObject();
        String dtype = null;
        int[] shape = null;
        long[] offsets = null;
        while (in.hasNext()) {
            String field = in.nextName();
            switch (field) {
                case "dtype" -> {
                    expect(path, in, JsonToken.STRING, "tensor " + shorten(name) + "'s dtype (a string)");
                    dtype = in.nextString();
                }
                case "shape" -> shape = toInts(path, name, readLongs(path, in, name, "shape", MAX_RANK));
                case "data_offsets" -> offsets = readLongs(path, in, name, "data_offsets", 2);
                default -> throw SafeTensors.bad(path, "tensor " + shorten(name) + " has an unknown field '"
                        + shorten(field) + "'");
            }
        }
        in.endObject();
        if (dtype == null) {
            throw SafeTensors.bad(path, "tensor " + shorten(name) + " has no dtype");
        }
        if (!dtype.equals("F32")) {
            throw SafeTensors.bad(path, "tensor " + shorten(name) + " has dtype " + shorten(dtype) + "; nnj reads only F32");
        }
        if (shape == null) {
            throw SafeTensors.bad(path, "tensor " + shorten(name) + " has no shape array");
        }
        if (offsets == null || offsets.length != 2) {
            throw SafeTensors.bad(path, "tensor " + shorten(name) + " needs data_offsets [begin, end]");
        }
        long count = 1;
        for (int d : shape) {
            count *= d;
            if (count > (Integer.MAX_VALUE - 8) / 4) {
                throw SafeTensors.bad(path, "tensor " + shorten(name) + " of shape " + Arrays.toString(shape)
                        + " is too large for one Java array of floats");
            }
        }
        long begin = offsets[0];
        long end = offsets[1];
        if (begin > end || end > dataLen) {
            throw SafeTensors.bad(path, "tensor " + shorten(name) + " claims bytes [" + begin + ", " + end
                    + ") but the data holds " + dataLen + " bytes"
                    + (end > dataLen ? " (the file is truncated, or its header lies)" : ""));
        }
        if (end - begin != count * 4) {
            throw SafeTensors.bad(path, "tensor " + shorten(name) + " of shape " + Arrays.toString(shape) + " needs "
                    + (count * 4) + " bytes but its offsets span " + (end - begin));
        }
        return new Planned(name, shape, begin, end);
    }

    /** An array of at most {@code max} non-negative integers, refused at its first extra entry. */
    private static long[] readLongs(Path path, JsonReader in, String tensor, String field, int max) throws IOException {
        expect(path, in, JsonToken.BEGIN_ARRAY, "tensor " + shorten(tensor) + "'s " + field + " (an array)");
        in.beginArray();
        long[] out = new long[max];
        int n = 0;
        while (in.hasNext()) {
            if (n == max) {
                throw SafeTensors.bad(path, "tensor " + shorten(tensor) + "'s " + field + " has more than " + max
                        + " entries" + (field.equals("shape") ? "; nnj supports rank 0 to " + max : ""));
            }
            expect(path, in, JsonToken.NUMBER, "tensor " + shorten(tensor) + "'s " + field + " entries (integers)");
            String text = in.nextString();
            out[n++] = nonNegative(path, tensor, field, text);
        }
        in.endArray();
        return Arrays.copyOf(out, n);
    }

    private static long nonNegative(Path path, String tensor, String field, String text)
            throws MalformedModelFileException {
        // Digits only: no sign, fraction or exponent; at most 15 digits keeps every sum far from overflow.
        if (text.isEmpty() || text.length() > 15 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw SafeTensors.bad(path, "tensor " + shorten(tensor) + " has " + field + " entry " + shorten(text)
                    + "; expected a non-negative integer below 10^15");
        }
        return Long.parseLong(text);
    }

    private static int[] toInts(Path path, String tensor, long[] dims) throws MalformedModelFileException {
        int[] out = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] > Integer.MAX_VALUE) {
                throw SafeTensors.bad(path, "tensor " + shorten(tensor) + " has shape entry " + dims[i] + ", too large");
            }
            out[i] = (int) dims[i];
        }
        return out;
    }

    private static void checkTiling(Path path, List<Planned> tensors, long dataLen) throws MalformedModelFileException {
        List<Planned> byOffset = new ArrayList<>(tensors);
        byOffset.sort((a, b) -> Long.compare(a.begin(), b.begin()));
        long expected = 0;
        for (Planned p : byOffset) {
            if (p.begin() != expected) {
                throw SafeTensors.bad(path, "tensor " + shorten(p.name()) + " starts at byte " + p.begin()
                        + " of the data, but the previous tensor ends at " + expected
                        + (p.begin() < expected ? " (overlap)" : " (hole)"));
            }
            expected = p.end();
        }
        if (expected != dataLen) {
            throw SafeTensors.bad(path, "the tensors cover " + expected + " bytes but the file holds " + dataLen
                    + " bytes of data (truncated, or extra bytes at the end)");
        }
    }

    private static void expect(Path path, JsonReader in, JsonToken token, String what) throws IOException {
        JsonToken actual = in.peek();
        if (actual != token) {
            throw SafeTensors.bad(path, "expected " + what + " but found " + describe(actual) + " (" + where(in) + ")");
        }
    }

    private static String describe(JsonToken t) {
        return switch (t) {
            case BEGIN_ARRAY -> "an array";
            case BEGIN_OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "true or false";
            case NULL -> "null";
            case END_DOCUMENT -> "the end of the header";
            default -> "the end of a list";
        };
    }

    /** "near name.shape[3]": where in the header, as a user can look it up. */
    private static String where(JsonReader in) {
        String p = in.getPath();
        p = p.startsWith("$.") ? p.substring(2) : p.startsWith("$") ? p.substring(1) : p;
        return p.isEmpty() ? "at its start" : "near " + shorten(p);
    }

    /** Keeps messages one readable line: at most 60 characters, no control characters. */
    static String shorten(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < 60; i++) {
            char c = s.charAt(i);
            b.append(Character.isISOControl(c) ? '?' : c);
        }
        return s.length() > 60 ? b + "…" : b.toString();
    }
}
