package nnj.examples.data;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The IDX datasets nnj knows by name: where they are published, their published checksums, and
 * where a system package installs them.
 */
public enum IdxCatalog {
    /**
     * MNIST handwritten digits (Y. LeCun, C. Cortes, C. J. C. Burges). The original site,
     * yann.lecun.com/exdb/mnist, no longer serves the files reliably; PyTorch's torchvision hosts
     * byte-identical copies. The MD5s are the ones torchvision publishes for these four files in
     * {@code torchvision/datasets/mnist.py} (class MNIST, {@code resources}), which match the
     * files as originally distributed by LeCun et al.
     */
    MNIST("mnist", "MNIST",
            List.of(URI.create("https://ossci-datasets.s3.amazonaws.com/mnist/")),
            Map.of("train-images-idx3-ubyte.gz", "f68b3c2dcbeaaa9fbdd348bbdeb94873",
                    "train-labels-idx1-ubyte.gz", "d53e105ee54ea40749a09fcbcd1e9432",
                    "t10k-images-idx3-ubyte.gz", "9fb629c4189551a2d022fa330f9573f3",
                    "t10k-labels-idx1-ubyte.gz", "ec29112dd5afa0611ce80d1b7f02629c"),
            List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"),
            "NNJ_MNIST_MIRROR", "nnj.mnist.mirror",
            List.of(), // Debian packages Fashion-MNIST only
            null),
    /**
     * Fashion-MNIST (H. Xiao, K. Rasul, R. Vollgraf, Zalando Research, 2017; MIT licence). URL
     * and MD5s as published in the "Get the Data" table of the dataset's README,
     * https://github.com/zalandoresearch/fashion-mnist#get-the-data. Debian's
     * {@code dataset-fashion-mnist} package installs the same data, re-compressed (so with other
     * MD5s), under /usr/share/datasets/fashion-mnist.
     */
    FASHION_MNIST("fashion-mnist", "Fashion-MNIST",
            List.of(URI.create("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/")),
            Map.of("train-images-idx3-ubyte.gz", "8d4fb7e6c68d591d4c3dfef9ec88bf0d",
                    "train-labels-idx1-ubyte.gz", "25c81989df183df01b3e8a0aad5dffbe",
                    "t10k-images-idx3-ubyte.gz", "bef4ecab320f06d8554ea6380940ec79",
                    "t10k-labels-idx1-ubyte.gz", "bb300cfdad3c16e7a12a480ee83cd310"),
            List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag",
                    "Ankle boot"),
            "NNJ_FASHION_MNIST_MIRROR", "nnj.fashion-mnist.mirror",
            List.of(Path.of("/usr/share/datasets/fashion-mnist")),
            "dataset-fashion-mnist");

    private final String id;
    private final String title;
    private final List<URI> mirrors;
    private final Map<String, String> md5;
    private final List<String> classNames;
    private final String mirrorEnv;
    private final String mirrorProperty;
    private final List<Path> systemDirs;
    private final String debianPackage;

    IdxCatalog(String id, String title, List<URI> mirrors, Map<String, String> md5, List<String> classNames,
               String mirrorEnv, String mirrorProperty, List<Path> systemDirs, String debianPackage) {
        this.id = id;
        this.title = title;
        this.mirrors = mirrors;
        this.md5 = md5;
        this.classNames = classNames;
        this.mirrorEnv = mirrorEnv;
        this.mirrorProperty = mirrorProperty;
        this.systemDirs = systemDirs;
        this.debianPackage = debianPackage;
    }

    /** The {@code --dataset} name, also the cache subdirectory. */
    public String id() {
        return id;
    }

    /** The name to show people. */
    public String title() {
        return title;
    }

    /** The public mirrors, tried in order (the files must match {@link #md5()}). */
    public List<URI> mirrors() {
        return mirrors;
    }

    /** The published MD5 of each of the four {@code .gz} files, by file name. */
    public Map<String, String> md5() {
        return md5;
    }

    public List<String> classNames() {
        return classNames;
    }

    /** The environment variable that replaces the mirrors with one base URL. */
    public String mirrorEnv() {
        return mirrorEnv;
    }

    /** The system property that replaces the mirrors with one base URL (wins over the variable). */
    public String mirrorProperty() {
        return mirrorProperty;
    }

    /** Where a system package installs the files (validated structurally, not by hash). */
    public List<Path> systemDirs() {
        return systemDirs;
    }

    /** The Debian/Ubuntu package that installs the files, or null. */
    public String debianPackage() {
        return debianPackage;
    }

    /** The catalog entry for a {@code --dataset} name, or null. */
    public static IdxCatalog byId(String id) {
        for (IdxCatalog c : values()) {
            if (c.id.equals(id)) {
                return c;
            }
        }
        return null;
    }
}
