package nnj.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A named line of values over categories (one backend at one thread count over gemm cases or
 * batch sizes), as both a table column and a chart series.
 */
public final class Series {
    private final String name;
    private final Map<String, Double> values = new LinkedHashMap<>();
    private final Map<String, Double> errors = new LinkedHashMap<>();

    public Series(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    public void put(String category, double value, double relativeError) {
        values.put(category, value);
        errors.put(category, relativeError);
    }

    /** The value for a category, or NaN when this series has none. */
    public double get(String category) {
        return values.getOrDefault(category, Double.NaN);
    }

    public double relativeError(String category) {
        return errors.getOrDefault(category, 0.0);
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** Values in the order of {@code categories}, NaN where missing. */
    public List<Double> over(List<String> categories) {
        List<Double> out = new ArrayList<>();
        for (String c : categories) {
            out.add(get(c));
        }
        return out;
    }
}
