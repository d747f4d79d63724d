package io.jsonmig.e2e.chaos;

import java.io.IOException;
import java.io.OutputStream;

/** Writes to the console and to the report file; closing closes only the file. */
final class TeeOutputStream extends OutputStream {

    private final OutputStream console;
    private final OutputStream file;

    TeeOutputStream(OutputStream console, OutputStream file) {
        this.console = console;
        this.file = file;
    }

    @Override
    public void write(int b) throws IOException {
        console.write(b);
        file.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        console.write(b, off, len);
        file.write(b, off, len);
    }

    @Override
    public void flush() throws IOException {
        console.flush();
        file.flush();
    }

    @Override
    public void close() throws IOException {
        console.flush();
        file.close();
    }
}
