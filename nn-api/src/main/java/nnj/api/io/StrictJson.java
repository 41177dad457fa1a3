package nnj.api.io;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.Strictness;
import com.google.gson.Gson;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;

/**
 * Parses the JSON held in a model file's metadata strictly (no comments, single quotes or
 * unquoted names), at most {@value #MAX_DEPTH} levels deep, and reports a problem in one line
 * that names the file and the entry, never the parser's internals.
 *
 * <p>Thread safety: stateless.
 */
public final class StrictJson {
    /** Deeper than any metadata nnj writes (the architecture is three levels). */
    public static final int MAX_DEPTH = 8;

    private static final TypeAdapter<JsonElement> ELEMENTS = new Gson().getAdapter(JsonElement.class);

    private StrictJson() {
    }

    /** Parses {@code json}, the metadata entry {@code key} of {@code path}. */
    public static JsonElement parse(Path path, String key, String json) throws MalformedModelFileException {
        JsonReader in = new JsonReader(new StringReader(json));
        in.setStrictness(Strictness.STRICT);
        in.setNestingLimit(MAX_DEPTH);
        try {
            JsonElement e = ELEMENTS.read(in); // the adapter keeps the reader's strictness
            if (in.peek() != JsonToken.END_DOCUMENT) {
                throw new MalformedModelFileException(path + ": metadata entry '" + key + "' has text after its JSON value");
            }
            return e;
        } catch (JsonParseException | IOException | IllegalStateException e) {
            throw new MalformedModelFileException(path + ": metadata entry '" + key + "' is not valid JSON (near "
                    + oneLine(in.getPath().replaceFirst("^\\$\\.?", "")) + ")");
        }
    }

    /** {@code s} as at most 60 printable characters, for quoting file content in a message. */
    public static String oneLine(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < 60; i++) {
            char c = s.charAt(i);
            b.append(Character.isISOControl(c) ? '?' : c);
        }
        return s.length() > 60 ? b + "…" : b.toString();
    }
}
