package dev.imageservice.bootstrap.observe;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;

/** What the running application logs, to one logger and those below it, while the capture is open. */
public final class LogCapture extends Handler implements AutoCloseable {

    private final Logger logger;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    private LogCapture(String loggerName) {
        logger = Logger.getLogger(loggerName);
        logger.addHandler(this);
    }

    /** The access log: one line per request. */
    public static LogCapture accessLog() {
        return new LogCapture(RequestTelemetry.ACCESS_LOG);
    }

    /** What {@code source} logs. */
    public static LogCapture of(Class<?> source) {
        return new LogCapture(source.getName());
    }

    /** Every logger of the process. */
    public static LogCapture everything() {
        return new LogCapture("");
    }

    public List<String> lines() {
        return records.stream().map(LogCapture::text).toList();
    }

    /** The lines logged with a stack trace, each with its logger's name. */
    public List<String> withStackTraces() {
        return records.stream().filter(record -> record.getThrown() != null)
                .map(record -> record.getLoggerName() + ": " + text(record)).toList();
    }

    private static String text(LogRecord record) {
        return record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
