package nnj.data;

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
 * A table of numbers read from a user's delimited text file: every cell must be a finite number
 * within float range, and is held as a float (4 bytes a value, never the text).
 *
 * <ul>
 *   <li>The delimiter is detected from the first line: comma, tab or semicolon, else runs of
 *       spaces. Fields may be double-quoted.</li>
 *   <li>The first line is a header when any of its fields is not written as a number; otherwise
 *       columns are named {@code column1}, {@code column2}, …. (A number too large for a float,
 *       such as 1e400, is still a number: it is refused with its line and column, not taken as
 *       a name.)</li>
 *   <li>Blank lines and lines starting with {@code #} are skipped.</li>
 *   <li>A missing or non-numeric value is refused with its line and column (both counted from 1,
 *       as editors count them), as is a row with the wrong number of fields.</li>
 *   <li>A file whose name ends in {@code .gz} is decompressed.</li>
 *   <li>Memory: after the first rows, the rows still to come are estimated from the file's size,
 *       and a file whose values will not fit in the heap is refused with the figures before the
 *       rest is read; the heap is checked again at every new chunk of storage.</li>
 * </ul>
 *
 * <p>Thread safety: immutable once read; safe to share between threads.
 */
public final class CsvTable {
    /** Spellings of "no value" that get a clearer message than "not a number". */
    private static final Set<String> MISSING = Set.of("", "na", "n/a", "nan", "null", "none", "?", "-");

    /** Values per storage chunk: growing by chunks never copies what was read. */
    private static final int CHUNK_BITS = 16;
    private static final int CHUNK = 1 << CHUNK_BITS;
    /** Rows read before the file's size is used to estimate, and check, the memory the rest needs. */
    private static final int ESTIMATE_AFTER_ROWS = 2000;
    /** The longest line read: far wider than any real table, far smaller than the heap. */
    static final int MAX_LINE = 1 << 22;

    private final String source;
    private final boolean hasHeader;
    private final List<String> columnNames;
    private final int rows;
    private final float[][] chunks;
    private final int firstDataLine;
    private final int[] skippedLines;

    private CsvTable(String source, boolean hasHeader, List<String> columnNames, int rows, float[][] chunks,
                     int firstDataLine, int[] skippedLines) {
        this.source = source;
        this.hasHeader = hasHeader;
        this.columnNames = columnNames;
        this.rows = rows;
        this.chunks = chunks;
        this.firstDataLine = firstDataLine;
        this.skippedLines = skippedLines;
    }

    /** Reads a file; see the class comment for the rules. */
    public static CsvTable read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new DataFileException(file + (Files.isDirectory(file) ? " is a directory, not a CSV file"
                    : Files.exists(file) ? " is not a regular file (a device or a pipe?); give a CSV file" : ": no such file"));
        }
        try (InputStream raw = Files.newInputStream(file)) {
            InputStream in = file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
            long size = in == raw ? Files.size(file) : -1;
            return read(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()), file.toString(), size);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new DataFileException(file + ": not UTF-8 text (is it a spreadsheet or a binary file? export it as CSV)", e);
        } catch (IOException e) {
            throw new DataFileException(file + ": cannot read it (" + (e instanceof java.nio.file.AccessDeniedException
                    ? "permission denied" : e.getMessage()) + ")", e);
        }
    }

    /**
     * Reads delimited text from {@code reader} (not closed).
     *
     * @param source names the input in messages, e.g. the file name
     */
    public static CsvTable read(Reader reader, String source) throws IOException {
        return read(reader, source, -1);
    }

    /** As {@link #read(Reader, String)}; {@code bytes} is the input's size for the memory estimate, or −1. */
    static CsvTable read(Reader reader, String source, long bytes) throws IOException {
        LineReader in = new LineReader(reader);
        Splitter splitter = null;
        List<String> names = null;
        boolean header = false;
        List<float[]> chunks = new ArrayList<>();
        int[] skipped = new int[16];
        int skippedCount = 0;
        int firstDataLine = -1;
        long count = 0; // values stored
        int rows = 0;
        int lineNo = 0;
        String line;
        while ((line = in.readLine(source, lineNo + 1)) != null) {
            lineNo++;
            if (lineNo == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1); // a byte-order mark from a spreadsheet export
            }
            if (line.isBlank() || line.startsWith("#")) {
                if (firstDataLine > 0) { // lines skipped among the data, for lineNumber(r)
                    if (skippedCount == skipped.length) {
                        skipped = Arrays.copyOf(skipped, skippedCount * 2);
                    }
                    skipped[skippedCount++] = lineNo;
                }
                continue;
            }
            if (splitter == null) {
                splitter = Splitter.detect(line);
                List<String> fields = splitter.split(line, source, lineNo);
                header = fields.stream().anyMatch(f -> !MISSING.contains(f.toLowerCase(Locale.ROOT)) && !looksNumeric(f));
                if (header) {
                    names = fields;
                    continue;
                }
                names = new ArrayList<>();
                for (int c = 1; c <= fields.size(); c++) {
                    names.add("column" + c);
                }
            }
            if (firstDataLine < 0) {
                firstDataLine = lineNo;
            }
            List<String> fields = splitter.split(line, source, lineNo);
            int cols = names.size();
            if (fields.size() != cols) {
                throw new DataFileException(source + " line " + lineNo + ": " + fields.size() + " values, but "
                        + (header ? "the header has " : "the first row has ") + cols
                        + "; every row needs one value per column");
            }
            if (count + cols > IdxReader.MAX_ELEMENTS) {
                throw new DataFileException(source + ": more than " + IdxReader.MAX_ELEMENTS
                        + " values, more than one Java array can hold; use fewer rows");
            }
            if (rows == ESTIMATE_AFTER_ROWS && bytes > 0) {
                checkEstimate(source, bytes, in.chars(), rows, cols);
            }
            for (int c = 0; c < cols; c++) {
                int slot = (int) (count & (CHUNK - 1));
                if (slot == 0) {
                    chunks.add(newChunk(source, rows, cols));
                }
                chunks.get(chunks.size() - 1)[slot] = parse(fields.get(c), source, lineNo, c, names.get(c), header);
                count++;
            }
            rows++;
        }
        if (names == null || rows == 0) {
            throw new DataFileException(source + ": no data rows" + (names != null ? " after the header" : ""));
        }
        return new CsvTable(source, header, List.copyOf(names), rows, chunks.toArray(new float[0][]),
                firstDataLine, Arrays.copyOf(skipped, skippedCount));
    }

    /** Refuses a file whose values, estimated from its size and the rows read so far, will not fit. */
    private static void checkEstimate(String source, long fileBytes, long charsRead, int rowsRead, int cols) {
        double bytesPerRow = (double) charsRead / rowsRead;
        long rowsExpected = (long) (fileBytes / bytesPerRow);
        // The table's floats, and once more for the dataset built from them.
        long need = 2L * 4 * rowsExpected * cols;
        nnj.api.io.MemoryBudget.shortfall(source + ": about " + rowsExpected + " rows × " + cols
                + " columns (estimated from its " + nnj.api.io.MemoryBudget.size(fileBytes) + ") held as floats, twice,",
                need).ifPresent(msg -> {
                    throw new DataFileException(msg);
                });
    }

    private static float[] newChunk(String source, int rows, int cols) {
        nnj.api.io.MemoryBudget.shortfall(source + ": reading row " + (rows + 1) + " (" + cols
                + " columns) after " + nnj.api.io.MemoryBudget.size(4L * rows * cols) + " of values",
                4L * CHUNK).ifPresent(msg -> {
                    throw new DataFileException(msg);
                });
        return new float[CHUNK];
    }

    private static float parse(String field, String source, int lineNo, int col, String name, boolean header) {
        String where = source + " line " + lineNo + ", column " + (col + 1) + (header ? " ('" + oneLine(name) + "')" : "");
        if (MISSING.contains(field.toLowerCase(Locale.ROOT))) {
            throw new DataFileException(where + ": missing value" + (field.isEmpty() ? "" : " '" + field + "'")
                    + "; every value must be a number: remove the row or fill the value in");
        }
        if (!looksNumeric(field)) {
            throw new DataFileException(where + ": '" + oneLine(field) + "' is not a number; nnj reads numeric columns only"
                    + " (encode categories as numbers first)");
        }
        double v = Double.parseDouble(field);
        if (!Double.isFinite(v) || Math.abs(v) > Float.MAX_VALUE) {
            throw new DataFileException(where + ": " + oneLine(field) + " is outside the range of a float (±3.4e38);"
                    + " nnj computes in float: rescale the column");
        }
        return (float) v;
    }

    /** Written as a decimal number (digits, sign, point, exponent), whatever its magnitude. */
    static boolean looksNumeric(String s) {
        return !s.isEmpty() && s.length() < 400 && NUMBER.matcher(s).matches();
    }

    private static final java.util.regex.Pattern NUMBER =
            java.util.regex.Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    /** At most 40 printable characters of a field, for quoting it in a message. */
    private static String oneLine(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < 40; i++) {
            char c = s.charAt(i);
            b.append(Character.isISOControl(c) ? '?' : c);
        }
        return s.length() > 40 ? b + "…" : b.toString();
    }

    /** A decimal number within float range; Java's "NaN", "Infinity" and hex forms are not accepted. */
    static boolean isNumber(String s) {
        if (!looksNumeric(s)) {
            return false;
        }
        double v = Double.parseDouble(s);
        return Double.isFinite(v) && Math.abs(v) <= Float.MAX_VALUE;
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
        return get((long) r * columnNames.size() + c);
    }

    private float get(long i) {
        return chunks[(int) (i >>> CHUNK_BITS)][(int) (i & (CHUNK - 1))];
    }

    /** The file line that data row {@code r} came from (1-based), for messages. */
    public int lineNumber(int r) {
        int line = firstDataLine + r;
        for (int s : skippedLines) { // ascending: each skipped line at or before the row moves it down one
            if (s <= line) {
                line++;
            }
        }
        return line;
    }

    /** Column {@code c} as an array. */
    public double[] column(int c) {
        double[] out = new double[rows];
        for (int r = 0; r < rows; r++) {
            out[r] = value(r, c);
        }
        return out;
    }

    /** Column {@code c} as floats (half the memory of {@link #column}). */
    public float[] floatColumn(int c) {
        require(source + ": column " + (c + 1), 4L * rows);
        float[] out = new float[rows];
        long cols = columnNames.size();
        for (int r = 0; r < rows; r++) {
            out[r] = get(r * cols + c);
        }
        return out;
    }

    private static void require(String what, long bytes) {
        nnj.api.io.MemoryBudget.shortfall(what, bytes).ifPresent(msg -> {
            throw new DataFileException(msg);
        });
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
        require(source + ": the features (" + rows + " rows × " + width + " columns)", 4L * rows * width);
        float[] out = new float[rows * width];
        int k = 0;
        long i = 0;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++, i++) {
                if (c != skip) {
                    out[k++] = get(i);
                }
            }
        }
        return out;
    }

    /**
     * Reads lines of at most {@value #MAX_LINE} characters, so that a file without line breaks
     * cannot make one string of its whole size; ends lines at \n, \r\n or \r. Not thread-safe.
     */
    private static final class LineReader {
        private final Reader in;
        private final char[] buf = new char[1 << 16];
        private int pos;
        private int end;
        private long chars;
        private final StringBuilder line = new StringBuilder();

        LineReader(Reader in) {
            this.in = in;
        }

        /** Characters consumed so far, line breaks included. */
        long chars() {
            return chars;
        }

        String readLine(String source, int lineNo) throws IOException {
            line.setLength(0);
            boolean any = false;
            while (true) {
                if (pos == end) {
                    end = in.read(buf, 0, buf.length);
                    pos = 0;
                    if (end <= 0) {
                        end = 0;
                        return any ? line.toString() : null;
                    }
                }
                any = true;
                int start = pos;
                while (pos < end && buf[pos] != '\n' && buf[pos] != '\r') {
                    pos++;
                }
                line.append(buf, start, pos - start);
                chars += pos - start;
                if (line.length() > MAX_LINE) {
                    throw new DataFileException(source + " line " + lineNo + " is longer than " + MAX_LINE
                            + " characters; is this a CSV file with line breaks?");
                }
                if (pos < end) {
                    char brk = buf[pos++];
                    chars++;
                    if (brk == '\r') {
                        if (pos == end) {
                            end = in.read(buf, 0, buf.length);
                            pos = 0;
                            end = Math.max(end, 0);
                        }
                        if (pos < end && buf[pos] == '\n') {
                            pos++;
                            chars++;
                        }
                    }
                    return line.toString();
                }
            }
        }
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
