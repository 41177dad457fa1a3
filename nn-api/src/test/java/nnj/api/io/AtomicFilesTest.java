package nnj.api.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    private List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aTempFileOfAKilledWriterIsRemovedByTheNextWrite() throws IOException {
        // PID 2^22+1 is above Linux's pid_max default range: no such process is running.
        Path dead = dir.resolve(".model.safetensors.4194305.1a2b.nnj-tmp");
        Path live = dir.resolve(".other.safetensors." + ProcessHandle.current().pid() + ".3c4d.nnj-tmp");
        Path foreign = dir.resolve("notes.tmp");
        Files.write(dead, new byte[10]);
        Files.write(live, new byte[10]);
        Files.write(foreign, new byte[10]);
        assumeTrue(ProcessHandle.of(4194305).isEmpty());
        AtomicFiles.writeString(dir.resolve("a.txt"), "hello");
        assertEquals(List.of(".other.safetensors." + ProcessHandle.current().pid() + ".3c4d.nnj-tmp", "a.txt",
                "notes.tmp"), names(), "the dead writer's temp file is gone; a live writer's and the user's stay");
    }

    @Test
    void aFailedWriteLeavesTheTargetAndNoTempFile() throws IOException {
        Path target = dir.resolve("m.bin");
        AtomicFiles.write(target, new byte[] {1, 2, 3});
        assertThrows(IOException.class, () -> AtomicFiles.write(target, ch -> {
            ch.write(java.nio.ByteBuffer.wrap(new byte[] {9}));
            throw new IOException("disk full");
        }));
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(target));
        assertEquals(List.of("m.bin"), names());
    }

    @Test
    void aNewFileGetsTheUmaskAndAReplacedFileKeepsItsMode() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        // What this process's umask gives any new file: the reference the written file must match.
        Path plain = Files.createFile(dir.resolve("plain"));
        Set<PosixFilePermission> umaskMode = Files.getPosixFilePermissions(plain);
        Path target = dir.resolve("new.txt");
        AtomicFiles.writeString(target, "x");
        assertEquals(umaskMode, Files.getPosixFilePermissions(target));
        assertFalse(Files.getPosixFilePermissions(target).contains(PosixFilePermission.OTHERS_WRITE));

        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-------"));
        AtomicFiles.writeString(target, "y");
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(target));
        assertTrue(Files.readString(target).equals("y"));
    }
}
