package io.lucid.query.audit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;

/**
 * The NDJSON export as a stream the HTTP layer pulls: each read takes the next rows from the event store cursor only
 * when the previous line has been sent, so memory holds one cursor fetch and one line whatever the export's size.
 * Closing it (end of stream, or the client going away) closes the cursor and its connection.
 */
final class NdjsonExport extends InputStream {

    private final EventStoreTable.Cursor cursor;
    private final EventJson json;
    private byte[] line = new byte[0];
    private int position;
    private boolean finished;

    NdjsonExport(EventStoreTable.Cursor cursor, EventJson json) {
        this.cursor = cursor;
        this.json = json;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (position >= line.length) {
            if (finished || !advance()) {
                return -1;
            }
        }
        int n = Math.min(length, line.length - position);
        System.arraycopy(line, position, buffer, offset, n);
        position += n;
        return n;
    }

    private boolean advance() throws IOException {
        try {
            if (!cursor.next()) {
                finished = true;
                close();
                return false;
            }
            line = (json.render(cursor.row()).toString() + "\n").getBytes(StandardCharsets.UTF_8);
            position = 0;
            return true;
        } catch (SQLException e) {
            finished = true;
            close();
            throw new IOException("reading the event store failed", e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            cursor.close();
        } catch (SQLException e) {
            throw new IOException(e);
        }
    }
}
