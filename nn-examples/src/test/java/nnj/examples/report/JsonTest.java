package nnj.examples.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void nonFiniteNumbersAtAnyDepthAreWrittenAsNullSoTheLineStaysValidJson() throws Exception {
        JsonObject precision = new JsonObject();
        precision.addProperty("cat", Double.NaN); // a class never predicted: 0/0
        precision.addProperty("dog", 0.75);
        JsonObject o = new JsonObject();
        o.add("precision", precision);
        o.add("loss", Json.array(new double[] {0.5, Double.POSITIVE_INFINITY}));
        o.addProperty("name", "NaN"); // a string, not a number: kept

        StringWriter text = new StringWriter();
        Json.print(new PrintWriter(text), o);
        String line = text.toString().trim();

        // JSON has no NaN or Infinity literal (RFC 8259); Gson's parser would accept one leniently
        assertFalse(line.matches(".*[:,\\[]\\s*-?(NaN|Infinity).*"), line);
        JsonObject back = JsonParser.parseString(line).getAsJsonObject();
        assertTrue(back.getAsJsonObject("precision").get("cat").isJsonNull(), line);
        assertEquals(0.75, back.getAsJsonObject("precision").get("dog").getAsDouble());
        assertTrue(back.getAsJsonArray("loss").get(1).isJsonNull(), line);
        assertEquals("NaN", back.get("name").getAsString());
    }
}
