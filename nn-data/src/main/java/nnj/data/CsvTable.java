package nnj.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * A table of numbers read from a user's delimited text file: every cell must be a finite number.
 *
 * <ul>
 *   <li>The delimiter is detected from the first line: comma, tab or semicolon, else runs of
 *       spaces. Fields may be double-quoted.</li>
 *   <li>The first line is a header when any of its fields is not a number; otherwise columns are
 *       named {@code column1}, {@code column2}, ….</li>
 *   <li>Blank lines and lines starting with {@code #} are skipped.</li>
 *   <li>A missing or non-numeric value is refused with its line and column (both counted from 1,
 *       as editors count them), as is a row with the wrong number of fields.</li>
 *   <li>A file whose name ends in {@code .gz} is decompressed.</li>
 * </ul>
 *
 * <p>Thread safety: immutable once read; safe to share between threads.
 */
public final class CsvTable {
    /** Spellings of "no value" that get a clearer message than "not a number". */
    private static final Set<String> MISSING = Set.of("", "na", "n/a", "nan", "null", "none", "?", "-");

    private final String source;
    private final boolean hasHeader;
    private final List<String> columnNames;
    private final int rows;
    private final double[] values;
    private final int[] lineNumbers;

    private CsvTable(String source, boolean hasHeader, List<String> columnNames, int rows, double[] values,
                     int[] lineNumbers) {
        this.source = source;
        this.hasHeader = hasHeader;
        this.columnNames = columnNames;
        this.rows = rows;
        this.values = values;
        this.lineNumbers = lineNumbers;
    }

    /** Reads a file; see the class comment for the rules. */
    public static CsvTable read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new DataFileException(file + ": no such file");
        }
        try (InputStream raw = Files.newInputStream(file)) {
            InputStream in = file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
            return read(new InputStreamReader(in, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new DataFileException(file + ": cannot read it (" + e + ")", e);
        }
    }

    /**
     * Reads delimited text from {@code reader} (not closed).
     *
     * @param source names the input in messages, e.g. the file name
     */
    public static CsvTable read(Reader reader, String source) throws IOException {
        BufferedReader in = reader instanceof BufferedReader ? (BufferedReader) reader : new BufferedReader(reader);
        Splitter splitter = null;
        List<String> names = null;
        boolean header = false;
        double[] values = new double[1024];
        int[] lines = new int[64];
        int rows = 0;
        int lineNo = 0;
        String line;
        while ((line = in.readLine()) != null) {
            lineNo++;
            if (lineNo == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1); // a byte-order mark from a spreadsheet export
            }
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (splitter == null) {
                splitter = Splitter.detect(line);
                List<String> fields = splitter.split(line, source, lineNo);
                header = fields.stream().anyMatch(f -> !MISSING.contains(f.toLowerCase(Locale.ROOT)) && !isNumber(f));
                if (header) {
                    names = fields;
                    continue;
                }
                names = new ArrayList<>();
                for (int c = 1; c <= fields.size(); c++) {
                    names.add("column" + c);
                }
            }
            List<String> fields = splitter.split(line, source, lineNo);
            int cols = names.size();
            if (fields.size() != cols) {
                throw new DataFileException(source + " line " + lineNo + ": " + fields.size() + " values, but "
                        + (header ? "the header has " : "the first row has ") + cols
                        + "; every row needs one value per column");
            }
            if ((long) (rows + 1) * cols > IdxReader.MAX_ELEMENTS) {
                throw new DataFileException(source + ": more values than nnj can hold in memory");
            }
            if ((rows + 1) * cols > values.length) {
                values = Arrays.copyOf(values, (int) Math.min(IdxReader.MAX_ELEMENTS,
                        Math.max((long) values.length * 2, (long) (rows + 1) * cols)));
            }
            if (rows == lines.length) {
                lines = Arrays.copyOf(lines, rows * 2);
            }
            for (int c = 0; c < cols; c++) {
                values[rows * cols + c] = parse(fields.get(c), source, lineNo, c, names.get(c), header);
            }
            lines[rows] = lineNo;
            rows++;
        }
        if (names == null || rows == 0) {
            throw new DataFileException(source + ": no data rows" + (names != null ? " after the header" : ""));
        }
        return new CsvTable(source, header, List.copyOf(names), rows,
                Arrays.copyOf(values, rows * names.size()), Arrays.copyOf(lines, rows));
    }

    private static double parse(String field, String source, int lineNo, int col, String name, boolean header) {
        String where = source + " line " + lineNo + ", column " + (col + 1) + (header ? " ('" + name + "')" : "");
        if (MISSING.contains(field.toLowerCase(Locale.ROOT))) {
            throw new DataFileException(where + ": missing value" + (field.isEmpty() ? "" : " '" + field + "'")
                    + "; every value must be a number: remove the row or fill the value in");
        }
        if (!isNumber(field)) {
            throw new DataFileException(where + ": '" + field + "' is not a number; nnj reads numeric columns only"
                    + " (encode categories as numbers first)");
        }
        return Double.parseDouble(field);
    }

    /** A finite decimal number; Java's "NaN", "Infinity" and hex forms are not accepted. */
    static boolean isNumber(String s) {
        if (s.isEmpty() || !s.chars().allMatch(ch -> (ch >= '0' && ch <= '9') || ch == '.' || ch == '-'
                || ch == '+' || ch == 'e' || ch == 'E')) {
            return false;
        }
        try {
            return Double.isFinite(Double.parseDouble(s));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The file name or other source given when reading. */
    public String source() {
        return source;
    }

    /** Whether the first line was a header. */
    public boolean hasHeader() {
        return hasHeader;
    }

    /** The header's names, or {@code column1, column2, …} without a header. */
    public List<String> columnNames() {
        return columnNames;
    }

    /** The number of data rows (the header, if any, not counted). */
    public int rowCount() {
        return rows;
    }

    /** The number of columns. */
    public int columnCount() {
        return columnNames.size();
    }

    /** The value in row {@code r} (0-based, data rows only) and column {@code c} (0-based). */
    public double value(int r, int c) {
        return values[r * columnNames.size() + c];
    }

    /** The file line that data row {@code r} came from (1-based), for messages. */
    public int lineNumber(int r) {
        return lineNumbers[r];
    }

    /** Column {@code c} as an array. */
    public double[] column(int c) {
        double[] out = new double[rows];
        for (int r = 0; r < rows; r++) {
            out[r] = value(r, c);
        }
        return out;
    }

    /**
     * Finds a column by header name (exact, then ignoring case), else by 1-based number; a
     * negative number counts from the end ({@code -1} is the last column).
     *
     * @throws IllegalArgumentException naming the columns there are, when none matches
     */
    public int columnIndex(String spec) {
        String s = spec.trim();
        int i = columnNames.indexOf(s);
        if (i >= 0) {
            return i;
        }
        for (int c = 0; c < columnNames.size(); c++) {
            if (columnNames.get(c).equalsIgnoreCase(s)) {
                return c;
            }
        }
        try {
            int n = Integer.parseInt(s);
            int cols = columnNames.size();
            if (n >= 1 && n <= cols) {
                return n - 1;
            }
            if (n <= -1 && n >= -cols) {
                return cols + n;
            }
            throw new IllegalArgumentException(source + ": there is no column " + n + "; columns are numbered 1.."
                    + cols + " (or -1 for the last)");
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(source + ": no column named '" + s + "'; the columns are "
                    + String.join(", ", columnNames) + " (or give a 1-based column number)");
        }
    }

    /** The rows' values without column {@code skip} (or all columns when skip &lt; 0), as floats. */
    public float[] featuresWithout(int skip) {
        int cols = columnNames.size();
        int width = skip >= 0 ? cols - 1 : cols;
        float[] out = new float[rows * width];
        int k = 0;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                if (c != skip) {
                    out[k++] = (float) values[r * cols + c];
                }
            }
        }
        return out;
    }

    /** Splits one line into trimmed fields: a single-character delimiter with quotes, or whitespace. */
    private static final class Splitter {
        private final char delimiter; // 0 for runs of whitespace

        private Splitter(char delimiter) {
            this.delimiter = delimiter;
        }

        static Splitter detect(String firstLine) {
            for (char d : new char[] {',', '\t', ';'}) {
                if (firstLine.indexOf(d) >= 0) {
                    return new Splitter(d);
                }
            }
            return new Splitter((char) 0);
        }

        List<String> split(String line, String source, int lineNo) {
            List<String> out = new ArrayList<>();
            if (delimiter == 0) {
                for (String f : line.trim().split("\\s+")) {
                    out.add(unquote(f));
                }
                return out;
            }
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < line.length(); i++) {
                char ch = line.charAt(i);
                if (quoted) {
                    if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else if (ch == '"') {
                        quoted = false;
                    } else {
                        field.append(ch);
                    }
                } else if (ch == '"') {
                    quoted = true;
                } else if (ch == delimiter) {
                    out.add(field.toString().trim());
                    field.setLength(0);
                } else {
                    field.append(ch);
                }
            }
            if (quoted) {
                throw new DataFileException(source + " line " + lineNo + ": a quote is opened but not closed"
                        + " (fields spanning lines are not supported)");
            }
            out.add(field.toString().trim());
            return out;
        }

        private static String unquote(String f) {
            return f.length() >= 2 && f.startsWith("\"") && f.endsWith("\"") ? f.substring(1, f.length() - 1) : f;
        }
    }
}
