package org.il7cds.api.web;

import jakarta.servlet.ServletException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;
import org.apache.tomcat.util.net.ApplicationBufferHandler;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A request answered without reading its whole body (a 401 before authentication, a 413 from Content-Length, a
 * 415, a GET that carries a body) does not make a request thread wait for the rest. Tomcat would read ("swallow")
 * it on the request thread for as long as the client kept sending: 220 clients sending a byte every 3 s stopped
 * health and every assessment. Here, the rest of a body of known length is read only while it is already arriving
 * (at most 250 ms, never 20 ms without a byte), so a client sending at full speed still reads its answer and keeps
 * its connection; otherwise the connection is closed once the answer is sent. A request whose body was read costs
 * one flag check.
 */
public class UnreadBodyValve extends ValveBase {

    private static final long BUDGET_NANOS = 250_000_000L;
    private static final long IDLE_NANOS = 20_000_000L;
    private static final long MAX_DRAINED_BYTES = 4L * 1024 * 1024;

    public UnreadBodyValve() {
        super(true);
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        try {
            getNext().invoke(request, response);
        } finally {
            org.apache.coyote.Request coyote = request.getCoyoteRequest();
            if (!request.isAsync() && !fullyRead(coyote) && !readWhatIsArriving(request, coyote)) {
                // Tomcat answers as usual, then closes without reading on; the header tells the client that it
                // cannot send its next request on this connection.
                if (!response.isCommitted()) {
                    response.setHeader("Connection", "close");
                }
                coyote.action(ActionCode.DISABLE_SWALLOW_INPUT, null);
            }
        }
    }

    private static boolean fullyRead(org.apache.coyote.Request coyote) {
        AtomicBoolean result = new AtomicBoolean(true);
        coyote.action(ActionCode.REQUEST_BODY_FULLY_READ, result);
        return result.get();
    }

    /**
     * Reads and discards the rest of the body without ever waiting on the client: true if it was all there in time.
     * Not for a chunked body (reading a chunk header can wait on the client) nor one sent after
     * {@code Expect: 100-continue} (reading would ask the client for a body that was refused).
     */
    private static boolean readWhatIsArriving(Request request, org.apache.coyote.Request coyote) {
        if (coyote.getContentLengthLong() < 0 || request.getHeader("Expect") != null) {
            return false;
        }
        ApplicationBufferHandler discard = new Discard();
        long start = System.nanoTime();
        long lastData = start;
        long drained = 0;
        try {
            while (!fullyRead(coyote)) {
                coyote.action(ActionCode.AVAILABLE, Boolean.TRUE); // a read only if bytes are already there
                long now = System.nanoTime();
                if (coyote.getAvailable() > 0) {
                    int n = coyote.doRead(discard);
                    if (n < 0) {
                        break;
                    }
                    drained += n;
                    lastData = now;
                    if (drained > MAX_DRAINED_BYTES) {
                        return false;
                    }
                } else if (now - lastData > IDLE_NANOS || now - start > BUDGET_NANOS) {
                    return false;
                } else {
                    LockSupport.parkNanos(200_000);
                }
            }
            return fullyRead(coyote);
        } catch (IOException e) {
            return false;
        }
    }

    /** Takes Tomcat's view of the bytes read and drops it. */
    private static final class Discard implements ApplicationBufferHandler {
        private ByteBuffer buffer = EMPTY_BUFFER;

        @Override
        public void setByteBuffer(ByteBuffer buffer) {
            this.buffer = buffer;
        }

        @Override
        public ByteBuffer getByteBuffer() {
            return buffer;
        }

        @Override
        public void expand(int size) {
            // never asked to hold anything
        }
    }

    /**
     * Installs the valve first on the embedded Tomcat's engine, so it runs around every request and after the host's
     * error handling: marking the connection for closing earlier makes the host render an error page into the answer.
     */
    @Configuration(proxyBeanMethods = false)
    static class Installer {

        @Bean
        WebServerFactoryCustomizer<TomcatServletWebServerFactory> unreadBodyValve() {
            return factory -> factory.addEngineValves(new UnreadBodyValve());
        }
    }
}
