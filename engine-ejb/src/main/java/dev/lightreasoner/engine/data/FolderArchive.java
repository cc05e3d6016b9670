package dev.lightreasoner.engine.data;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** A folder's files (not its subfolders) as one zip under a top-level name: how an adapter is downloaded. */
public final class FolderArchive {
    private FolderArchive() {
    }

    public static void zip(Path folder, String name, OutputStream out) throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(folder)) {
            files = listing.filter(Files::isRegularFile).sorted().toList();
        }
        ZipOutputStream zip = new ZipOutputStream(out);
        for (Path file : files) {
            zip.putNextEntry(new ZipEntry(name + "/" + file.getFileName()));
            Files.copy(file, zip);
            zip.closeEntry();
        }
        zip.finish();                                        // the caller owns the stream
    }
}
