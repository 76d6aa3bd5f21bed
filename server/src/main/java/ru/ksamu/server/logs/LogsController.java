package ru.ksamu.server.logs;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import ru.ksamu.server.auth.SignedIn;
import ru.ksamu.server.web.Unavailable;

/**
 * {@code /api/v1/logs}: query the run log with filters and paging, or follow it live over SSE
 * (resuming after {@code Last-Event-ID}).
 */
@RestController
@RequestMapping("/api/v1/logs")
class LogsController {

    static final int MAX_PAGE = 1000;

    private final RunLogQuery query;
    private final RunLogStreams streams;

    LogsController(RunLogQuery query, RunLogStreams streams) {
        this.query = query;
        this.streams = streams;
    }

    @GetMapping
    RunLogQuery.Page page(@RequestParam(required = false) Long task, @RequestParam(required = false) Long run,
                          @RequestParam(required = false) String level,
                          @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
                          @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
                          @RequestParam(required = false) String text,
                          @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "100") int size) {
        return query.page(new RunLogFilter(task, run, level, from, to, text), Math.max(0, page),
                Math.max(1, Math.min(MAX_PAGE, size)));
    }

    /**
     * The live log. Without {@code Last-Event-ID} (or {@code after}) it starts with the last
     * {@code tail} entries.
     */
    @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(@RequestHeader(name = "Last-Event-ID", required = false) Long lastEventId,
                      @RequestParam(required = false) Long after, @RequestParam(defaultValue = "100") int tail,
                      @RequestParam(required = false) Long task, @RequestParam(required = false) Long run,
                      @RequestParam(required = false) String level, HttpServletRequest request,
                      HttpServletResponse response) throws IOException {
        long start = lastEventId != null ? lastEventId
                : after != null ? after : Math.max(0, query.latestId() - Math.max(0, tail));
        try {
            return streams.subscribe(start, new RunLogFilter(task, run, level, null, null, null), request.getRemoteAddr(),
                    SignedIn.admin(request));
        } catch (Unavailable e) {
            e.writeTo(request, response);
            return null;
        }
    }
}
