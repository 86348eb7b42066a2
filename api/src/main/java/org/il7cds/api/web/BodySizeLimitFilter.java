package org.il7cds.api.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses request bodies above {@code il7cds.max-body-bytes} (1 MiB): at once when Content-Length says so,
 * otherwise (chunked bodies) as soon as reading passes the limit, which the advice turns into the same 413. A body
 * still arriving {@code il7cds.body-read-timeout} (10 s) after the request started is refused too (408), so a client
 * sending its body a byte at a time holds a request thread for that long at most; each single read waits at most
 * Tomcat's connection timeout (5 s). Bodies are read only after authentication (Spring Security runs first), so
 * this bounds what an authenticated client can hold; an unauthenticated one holds nothing (UnreadBodyValve).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10) // inside AccessLogFilter, so a 413 is logged too
class BodySizeLimitFilter extends OncePerRequestFilter {

    private final long maxBytes;
    private final Duration readTimeout;
    private final JsonMapper json;

    BodySizeLimitFilter(@Value("${il7cds.max-body-bytes:1048576}") long maxBytes,
            @Value("${il7cds.body-read-timeout:10s}") Duration readTimeout, JsonMapper json) {
        this.maxBytes = maxBytes;
        this.readTimeout = readTimeout;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxBytes) {
            response.setHeader("Connection", "close");
            Problems.write(request, response, Problems.detail(Problems.Kind.PAYLOAD_TOO_LARGE, tooLarge(maxBytes)), json);
            return;
        }
        chain.doFilter(new LimitedRequest(request, maxBytes, new Deadline(readTimeout)), response);
    }

    static String tooLarge(long maxBytes) {
        return "The request body exceeds the limit of " + maxBytes + " bytes.";
    }

    static String tooSlow(Duration timeout) {
        return "The request body did not arrive within " + timeout.toSeconds() + " s; send it again in one go.";
    }

    /** When the body must have arrived: one clock read per request, one per read of the body. */
    private record Deadline(Duration timeout, long atNanos) {
        Deadline(Duration timeout) {
            this(timeout, System.nanoTime() + timeout.toNanos());
        }

        void check() throws BodyReadTimeoutException {
            if (System.nanoTime() - atNanos > 0) {
                throw new BodyReadTimeoutException(timeout);
            }
        }
    }

    /** Thrown while reading a body that is still arriving at its deadline; the advice answers 408 request-timeout. */
    static final class BodyReadTimeoutException extends IOException {
        private final transient Duration timeout;

        BodyReadTimeoutException(Duration timeout) {
            super("request body not read within " + timeout);
            this.timeout = timeout;
        }

        Duration timeout() {
            return timeout;
        }
    }

    /** Thrown while reading a body that passes the limit; the advice answers 413 payload-too-large. */
    static final class PayloadTooLargeException extends IOException {
        private final long maxBytes;

        PayloadTooLargeException(long maxBytes) {
            super("request body above " + maxBytes + " bytes");
            this.maxBytes = maxBytes;
        }

        long maxBytes() {
            return maxBytes;
        }
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {
        private final long maxBytes;
        private final Deadline deadline;
        private ServletInputStream stream;

        LimitedRequest(HttpServletRequest request, long maxBytes, Deadline deadline) {
            super(request);
            this.maxBytes = maxBytes;
            this.deadline = deadline;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new LimitedStream(super.getInputStream(), maxBytes, deadline);
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            String enc = getCharacterEncoding();
            return new BufferedReader(new InputStreamReader(getInputStream(),
                    enc == null ? StandardCharsets.UTF_8 : java.nio.charset.Charset.forName(enc)));
        }
    }

    private static final class LimitedStream extends ServletInputStream {
        private final ServletInputStream in;
        private final long maxBytes;
        private final Deadline deadline;
        private long count;

        LimitedStream(ServletInputStream in, long maxBytes, Deadline deadline) {
            this.in = in;
            this.maxBytes = maxBytes;
            this.deadline = deadline;
        }

        @Override
        public int read() throws IOException {
            deadline.check();
            int b = in.read();
            if (b >= 0) {
                add(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            deadline.check();
            int n = in.read(buf, off, len);
            if (n > 0) {
                add(n);
            }
            return n;
        }

        private void add(int n) throws PayloadTooLargeException {
            count += n;
            if (count > maxBytes) {
                throw new PayloadTooLargeException(maxBytes);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
