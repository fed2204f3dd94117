package dev.imageservice.bootstrap.observe;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;

/** The access-log lines the running application writes while the capture is open. */
public final class AccessLogCapture extends Handler implements AutoCloseable {

    private final Logger logger = Logger.getLogger(RequestTelemetry.ACCESS_LOG);
    private final List<String> lines = new CopyOnWriteArrayList<>();

    public AccessLogCapture() {
        logger.addHandler(this);
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void publish(LogRecord record) {
        lines.add(record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage());
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
