package nnj.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompareCommandTest {

    @Test
    void jsonListsEverySupportedBackendWithNaiveAsReference() {
        JsonObject o = Cli.run("compare", "--dataset", "iris", "--epochs", "3", "--json").json();
        JsonArray rows = o.getAsJsonArray("backends");
        List<String> names = new ArrayList<>();
        for (JsonElement e : rows) {
            names.add(e.getAsJsonObject().get("backend").getAsString());
        }
        List<String> supported = Supported.backends();
        assertEquals(supported.size(), names.size(), names + " vs " + supported);
        assertTrue(names.containsAll(supported), names + " vs " + supported);
        assertEquals("naive", names.get(0));
        assertEquals("naive", o.get("reference").getAsString());
        for (JsonElement e : rows) {
            JsonObject row = e.getAsJsonObject();
            // Same seed, same data order: the backends differ only by float rounding. After 6 Adam
            // steps that is far below 1e-3 of the largest weight; a wrong kernel would be O(1).
            assertTrue(row.get("max_weight_diff_relative").getAsDouble() < 1e-3, row.toString());
            assertTrue(row.get("seconds_per_epoch").getAsDouble() > 0, row.toString());
            assertTrue(row.has("test_accuracy") && row.has("train_loss") && !row.has("final_loss"), row.toString());
        }
        assertEquals(0.0, rows.get(0).getAsJsonObject().get("max_weight_diff").getAsDouble(), 0.0);
    }

    @Test
    void tableHasARowPerBackend() {
        Cli.Run r = Cli.run("compare", "--dataset", "sine", "--epochs", "2", "--quiet");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("test R²"), r.out());
        for (String b : Supported.backends()) {
            assertTrue(r.out().lines().anyMatch(l -> l.startsWith(b + " ")), b + " missing: " + r.out());
        }
    }

    @Test
    void aSubsetOfBackends() {
        JsonObject o = Cli.run("compare", "--dataset", "iris", "--epochs", "1", "--backends", "naive", "--json").json();
        assertEquals(1, o.getAsJsonArray("backends").size());
    }
}
