package nnj.data;

import static nnj.data.IdxFiles.counting;
import static nnj.data.IdxFiles.gzip;
import static nnj.data.IdxFiles.idx;
import static nnj.data.IdxFiles.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
    @TempDir
    Path dir;

    @Test
    void readsRawFileWithDimsAndUnsignedValues() throws IOException {
        byte[] data = {0, 1, (byte) 127, (byte) 128, (byte) 200, (byte) 255};
        IdxArray a = IdxReader.read(write(dir.resolve("a"), idx(new int[] {2, 3}, data)));
        assertArrayEquals(new int[] {2, 3}, a.dims());
        assertEquals(6, a.size());
        assertArrayEquals(new int[] {0, 1, 127, 128, 200, 255}, a.toInts());
        assertEquals(1f, a.toUnitFloats()[5], 0f);
        assertEquals(128 / 255f, a.toUnitFloats()[3], 0f);
        assertEquals(400f, a.toFloats(2f)[4], 0f);
    }

    @Test
    void gzipIsDetectedByMagicNotByName() throws IOException {
        byte[] raw = counting(4, 5, 6);
        // No .gz suffix: the reader must look at the bytes.
        IdxArray a = IdxReader.read(write(dir.resolve("images-without-suffix"), gzip(raw)));
        assertArrayEquals(new int[] {4, 5, 6}, a.dims());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(i % 256, a.unsigned(i));
        }
    }

    @Test
    void gzipWithConcatenatedMembersIsReadWhole() throws IOException {
        // Two gzip members: the trailer's ISIZE covers only the last, so the reader must count.
        byte[] raw = counting(10, 10);
        byte[] first = gzip(Arrays.copyOfRange(raw, 0, 50));
        byte[] second = gzip(Arrays.copyOfRange(raw, 50, raw.length));
        byte[] both = new byte[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        IdxArray a = IdxReader.read(write(dir.resolve("multi.gz"), both));
        assertArrayEquals(new int[] {10, 10}, a.dims());
        assertEquals(99 - 12, a.unsigned(99 - 12)); // element 87 is byte 87 of the counting pattern
    }

    @Test
    void truncatedRawFileIsRefusedWithCounts() throws IOException {
        byte[] full = counting(10, 4, 4);
        Path f = write(dir.resolve("short"), Arrays.copyOf(full, full.length - 7));
        DataFileException e = assertThrows(DataFileException.class, () -> IdxReader.read(f));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        assertTrue(e.getMessage().contains("10×4×4 = 160"), e.getMessage());
        assertTrue(e.getMessage().contains("only 153"), e.getMessage());
    }

    @Test
    void truncatedGzipIsRefused() throws IOException {
        byte[] gz = gzip(counting(50, 8, 8));
        Path f = write(dir.resolve("cut.gz"), Arrays.copyOf(gz, gz.length / 2));
        DataFileException e = assertThrows(DataFileException.class, () -> IdxReader.read(f));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void truncatedHeaderIsRefused() throws IOException {
        Path f = write(dir.resolve("hdr"), Arrays.copyOf(counting(3, 3), 6)); // magic + half a dimension
        DataFileException e = assertThrows(DataFileException.class, () -> IdxReader.read(f));
        assertTrue(e.getMessage().contains("declares 2 dimensions"), e.getMessage());
        Path tiny = write(dir.resolve("tiny"), new byte[] {0, 0});
        assertTrue(assertThrows(DataFileException.class, () -> IdxReader.read(tiny)).getMessage()
                .contains("shorter than the 4-byte IDX magic"));
    }

    @Test
    void wrongMagicIsRefused() throws IOException {
        byte[] b = counting(2, 2);
        b[0] = 'P';
        b[1] = 'K';
        Path f = write(dir.resolve("zip"), b);
        DataFileException e = assertThrows(DataFileException.class, () -> IdxReader.read(f));
        assertTrue(e.getMessage().contains("not an IDX file"), e.getMessage());
        assertTrue(e.getMessage().contains("50 4b"), e.getMessage());
    }

    @Test
    void otherElementTypesAreRefusedByName() throws IOException {
        byte[] b = counting(2, 2);
        b[2] = 0x0D;
        Path f = write(dir.resolve("floats"), b);
        DataFileException e = assertThrows(DataFileException.class, () -> IdxReader.read(f));
        assertTrue(e.getMessage().contains("0x0d (32-bit float) is not supported"), e.getMessage());
    }

    @Test
    void headerThatLiesAboutTheCountIsRefusedBeforeAllocating() throws IOException {
        // The header claims 60000 images of 28×28 (47 MB) but holds 10 images.
        byte[] real = IdxFiles.images(10, 28, 28);
        byte[] lying = real.clone();
        java.nio.ByteBuffer.wrap(lying).putInt(4, 60000);
        Path f = write(dir.resolve("lying"), lying);
        DataFileException e = assertThrows(DataFileException.class, () -> IdxReader.read(f));
        assertTrue(e.getMessage().contains("60000×28×28 = 47040000"), e.getMessage());
        assertTrue(e.getMessage().contains("only 7840"), e.getMessage());
        // The same lie inside gzip: the trailer disagrees, the counting pass finds the real size.
        Path g = write(dir.resolve("lying.gz"), gzip(lying));
        DataFileException eg = assertThrows(DataFileException.class, () -> IdxReader.read(g));
        assertTrue(eg.getMessage().contains("decompressed file holds only 7840"), eg.getMessage());
    }

    @Test
    void headerClaimingMoreThanAnArrayCanHoldIsRefused() throws IOException {
        // 65535 × 65535 × 255 elements: about 1.1e12, far beyond any array; must not try to allocate.
        Path f = write(dir.resolve("huge"), idx(new int[] {65535, 65535, 255}, new byte[16]));
        DataFileException e = assertThrows(DataFileException.class, () -> IdxReader.read(f));
        assertTrue(e.getMessage().contains("more than a Java array can hold"), e.getMessage());
        // A single dimension ≥ 2^31 (unsigned in the file) is caught too.
        byte[] b = idx(new int[] {1}, new byte[1]);
        java.nio.ByteBuffer.wrap(b).putInt(4, 0xFFFFFFFF);
        Path g = write(dir.resolve("neg"), b);
        assertTrue(assertThrows(DataFileException.class, () -> IdxReader.read(g)).getMessage()
                .contains("dimension 0 is 4294967295"));
    }

    @Test
    void headerClaimingFewerElementsThanTheFileHoldsIsRefused() throws IOException {
        byte[] b = counting(10, 3);
        java.nio.ByteBuffer.wrap(b).putInt(4, 8); // claims 8 rows of 3, holds 10
        Path f = write(dir.resolve("long"), b);
        DataFileException e = assertThrows(DataFileException.class, () -> IdxReader.read(f));
        assertTrue(e.getMessage().contains("6 bytes more than the header's 8×3 = 24"), e.getMessage());
        Path g = write(dir.resolve("long.gz"), gzip(b));
        assertTrue(assertThrows(DataFileException.class, () -> IdxReader.read(g)).getMessage()
                .contains("6 bytes more"));
    }

    @Test
    void zeroDimensionAndBadRankAreRefused() throws IOException {
        Path f = write(dir.resolve("zero"), idx(new int[] {0, 28}, new byte[0]));
        assertTrue(assertThrows(DataFileException.class, () -> IdxReader.read(f)).getMessage()
                .contains("dimension 0 of 2 is 0"));
        byte[] b = counting(2);
        b[3] = 0;
        Path g = write(dir.resolve("rank0"), b);
        assertTrue(assertThrows(DataFileException.class, () -> IdxReader.read(g)).getMessage()
                .contains("rank 0"));
    }

    @Test
    void missingFileIsNamed() {
        Path f = dir.resolve("nope");
        DataFileException e = assertThrows(DataFileException.class, () -> IdxReader.read(f));
        assertTrue(e.getMessage().contains("nope: no such file"), e.getMessage());
    }
}
