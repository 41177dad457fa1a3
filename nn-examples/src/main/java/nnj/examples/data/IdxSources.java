package nnj.examples.data;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import nnj.data.IdxDirectory;

/**
 * Finds the files of a catalogued IDX dataset: an installed system package first (trusted, and
 * checked only structurally by the reader, since Debian re-compresses the files), then the cache
 * directory, downloading into it what is missing. Downloaded and cached files are checked against
 * the maintainers' published MD5s.
 */
final class IdxSources {
    private IdxSources() {
    }

    /** A directory holding the four files, and where it came from in words. */
    record Located(Path dir, String origin) {
    }

    static Located locate(IdxCatalog set, DatasetResolver.Options options) {
        for (Path system : options.systemDirs(set)) {
            if (Files.isDirectory(system) && IdxDirectory.missingFiles(system).isEmpty()) {
                String pkg = set.debianPackage() != null ? " (system package " + set.debianPackage() + ")" : "";
                return new Located(system, system + pkg);
            }
        }
        Path cache = options.cacheRoot().resolve(set.id());
        List<URI> mirrors = options.mirrors(set);
        Map<String, String> md5 = options.checksums(set);
        PrintStream log = options.log();
        IdxDownloader downloader = new IdxDownloader(mirrors, md5, options.showProgress(), log);
        try {
            List<String> todo = downloader.filesToFetch(cache);
            if (todo.isEmpty()) {
                return new Located(cache, cache + " (cached, MD5 verified)");
            }
            Files.createDirectories(cache);
            log.println("nnj: downloading " + set.title() + " (" + String.join(", ", todo) + ") into " + cache);
            for (String file : todo) {
                downloader.fetch(cache, file);
            }
            return new Located(cache, mirrors.get(0) + " → " + cache + " (downloaded, MD5 verified)");
        } catch (IdxDownloader.DownloadFailure e) {
            throw new DatasetUnavailableException(unavailableMessage(set, options, cache, e), e);
        } catch (IOException e) {
            throw new DatasetUnavailableException("cannot use the cache directory " + cache + " for " + set.title()
                    + " (" + e + "); set NNJ_CACHE to a writable directory", e);
        }
    }

    /** Says what failed and the ways to get the data anyway. */
    private static String unavailableMessage(IdxCatalog set, DatasetResolver.Options options, Path cache,
                                             IdxDownloader.DownloadFailure e) {
        StringBuilder m = new StringBuilder();
        if (e.offline()) {
            m.append("cannot download ").append(set.title()).append(": no mirror could be reached (offline?)\n");
        } else {
            m.append("cannot download ").append(set.title()).append(": no mirror delivered a verified file\n");
        }
        for (String reason : e.reasons()) {
            m.append("  - ").append(reason).append('\n');
        }
        m.append("To use ").append(set.title()).append(" anyway, any of these works:\n");
        if (set.debianPackage() != null) {
            m.append("  - on Debian or Ubuntu: sudo apt-get install ").append(set.debianPackage())
                    .append(" (installs ").append(set.systemDirs().get(0)).append(")\n");
        }
        m.append("  - put the four files ").append(String.join(", ", IdxDirectory.STANDARD_NAMES))
                .append(" (raw or .gz) in a directory and run with --dataset idx:DIR\n");
        m.append("  - copy the original .gz files into ").append(cache)
                .append(" (they are checked against the published MD5s)\n");
        m.append("  - set ").append(set.mirrorEnv()).append(" (or -D").append(set.mirrorProperty())
                .append(") to the base URL of a reachable mirror");
        return m.toString();
    }
}
