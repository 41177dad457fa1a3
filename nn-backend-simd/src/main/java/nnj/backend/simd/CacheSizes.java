package nnj.backend.simd;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The per-core L1 data and L2 cache sizes the OS reports in
 * {@code /sys/devices/system/cpu/cpu0/cache/index*} ({@code level}, {@code type}, {@code size}),
 * with defaults (32 KiB, 256 KiB: the smallest common x86 values) when it reports none, as on
 * macOS, Windows or in some containers.
 *
 * @param l1d    L1 data cache bytes
 * @param l2     L2 cache bytes
 * @param source where the figures came from, for {@code nnj backends}
 */
record CacheSizes(int l1d, int l2, String source) {
    static final int DEFAULT_L1D = 32 << 10;
    static final int DEFAULT_L2 = 256 << 10;
    static final Path SYSFS = Path.of("/sys/devices/system/cpu/cpu0/cache");

    /** What this machine reports, else the defaults. Never throws. */
    static CacheSizes detect() {
        return read(SYSFS);
    }

    /** Reads a sysfs-style cache directory; the defaults for whatever is missing or unreadable. */
    static CacheSizes read(Path dir) {
        int l1d = -1;
        int l2 = -1;
        for (int i = 0; i < 8; i++) {
            Path index = dir.resolve("index" + i);
            try {
                if (!Files.isDirectory(index)) {
                    continue;
                }
                int level = Integer.parseInt(Files.readString(index.resolve("level")).trim());
                String type = Files.readString(index.resolve("type")).trim();
                int size = parseSize(Files.readString(index.resolve("size")));
                if (level == 1 && type.equals("Data")) {
                    l1d = size;
                } else if (level == 2 && !type.equals("Instruction")) {
                    l2 = size;
                }
            } catch (IOException | RuntimeException e) {
                // unreadable entry: keep looking, fall back to the default below
            }
        }
        if (l1d <= 0 && l2 <= 0) {
            return new CacheSizes(DEFAULT_L1D, DEFAULT_L2, "defaults: the OS reports no cache sizes");
        }
        return new CacheSizes(l1d > 0 ? l1d : DEFAULT_L1D, l2 > 0 ? l2 : DEFAULT_L2, "from " + dir);
    }

    /** "48K", "2048K", "2M" or a plain byte count to bytes. */
    static int parseSize(String text) {
        String s = text.trim().toUpperCase(Locale.ROOT);
        int unit = 1;
        if (s.endsWith("K")) {
            unit = 1 << 10;
        } else if (s.endsWith("M")) {
            unit = 1 << 20;
        }
        if (unit != 1) {
            s = s.substring(0, s.length() - 1);
        }
        return Math.multiplyExact(Integer.parseInt(s.trim()), unit);
    }

    /** "48 KiB" or "2 MiB". */
    static String format(int bytes) {
        return bytes % (1 << 20) == 0 ? (bytes >> 20) + " MiB" : (bytes >> 10) + " KiB";
    }
}
